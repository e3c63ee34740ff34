using System.Buffers.Binary;

namespace FluentNets.Data;

/// <summary>
/// MNIST (and Fashion-MNIST, which shares its layout) in its original IDX files
/// (<see href="http://yann.lecun.com/exdb/mnist/"/>): a big-endian header (magic 2051 for images,
/// 2049 for labels, then int32 sizes) followed by one unsigned byte per pixel or label.
/// </summary>
public static class Mnist
{
    /// <summary>MNIST's class count: the digits 0..9 (Fashion-MNIST: ten kinds of clothing).</summary>
    public const int Classes = 10;

    /// <summary>
    /// The most rows, and the most columns, an image may have: the IDX header allows 2^32 - 1, but an
    /// image that wide is a damaged header, and one of 65,536 x 65,536 bytes would not fit in an array.
    /// </summary>
    public const int MaxSide = 65_535;

    private const int ImagesMagic = 2051;
    private const int LabelsMagic = 2049;

    /// <summary>
    /// Loads <c>train-images-idx3-ubyte</c> and <c>train-labels-idx1-ubyte</c> (or the
    /// <c>t10k-</c> test files when <paramref name="train"/> is false) from
    /// <paramref name="directory"/>, each plain or gzipped (<c>.gz</c>). Pixels are scaled to
    /// [0, 1]; the shape is the header's rows x columns x 1 (28x28x1 for MNIST).
    /// </summary>
    /// <param name="directory">The folder of the files.</param>
    /// <param name="train">The training files, else the test files.</param>
    /// <param name="maxFileBytes">
    /// The most bytes a file may hold once decompressed; a gzip stream is inflated no further than its
    /// header announces, and a header announcing more than this is refused before anything is inflated.
    /// </param>
    /// <exception cref="DataFormatException">
    /// A file is missing, not a regular file, truncated, corrupt or of another format, holds no image,
    /// images above <see cref="MaxSide"/> or more than <paramref name="maxFileBytes"/>, the counts differ,
    /// or a label is not 0..9.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFileBytes"/> is not positive or above <see cref="Array.MaxLength"/>.</exception>
    public static DataSet Load(string directory, bool train, long maxFileBytes = DataSets.DefaultMaxFileBytes)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFileBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFileBytes, Array.MaxLength);
        var prefix = train ? "train" : "t10k";
        var imagesLayout = new DataFile.Layout(16, AnnouncedImageBytes);
        var labelsLayout = new DataFile.Layout(8, (name, header) =>
        {
            CheckHeader(name, header, 8, LabelsMagic, "IDX labels");
            return 8 + (long)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
        });
        var (imagesName, images) = DataFile.Read(directory, $"{prefix}-images-idx3-ubyte", alsoGz: true, maxFileBytes, imagesLayout);
        var (labelsName, labelBytes) = DataFile.Read(directory, $"{prefix}-labels-idx1-ubyte", alsoGz: true, maxFileBytes, labelsLayout);

        var (count, rows, columns) = ReadImagesHeader(imagesName, images);
        var labels = ReadLabels(labelsName, labelBytes, count, imagesName);
        var pixels = images[16..];
        var store = ExampleStore.FromBytes(Shape.Image(rows, columns, 1), pixels, labels, 255);
        return DataSet.Create(train ? "mnist-train" : "mnist-test", Classes, store);
    }

    // The size a gzipped images file's header announces, once the header itself is checked.
    private static long AnnouncedImageBytes(string name, byte[] header)
    {
        var (count, rows, columns) = ReadSizes(name, header);
        return (long)UInt128.Min(16 + (UInt128)count * rows * columns, long.MaxValue);
    }

    private static (uint Count, uint Rows, uint Columns) ReadSizes(string name, byte[] bytes)
    {
        CheckHeader(name, bytes, 16, ImagesMagic, "IDX images");
        var count = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4));
        var rows = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8));
        var columns = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(12));
        if (rows == 0 || columns == 0)
        {
            throw new DataFormatException(name, "images of at least 1x1 pixels", $"{rows}x{columns}");
        }

        if (rows > MaxSide || columns > MaxSide)
        {
            throw new DataFormatException(name, $"images of at most {MaxSide}x{MaxSide} pixels", $"{rows}x{columns}");
        }

        if (count == 0)
        {
            throw new DataFormatException(name, "at least one image", "0");
        }

        return (count, rows, columns);
    }

    private static (int Count, int Rows, int Columns) ReadImagesHeader(string name, byte[] bytes)
    {
        var (count, rows, columns) = ReadSizes(name, bytes);
        var expected = 16 + (UInt128)count * rows * columns;
        if ((UInt128)bytes.Length != expected)
        {
            throw new DataFormatException(name, $"16 + {count} x {rows} x {columns} = {expected} bytes", $"{bytes.Length} bytes");
        }

        return ((int)count, (int)rows, (int)columns);
    }

    private static int[] ReadLabels(string name, byte[] bytes, int imageCount, string imagesName)
    {
        CheckHeader(name, bytes, 8, LabelsMagic, "IDX labels");
        var count = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4));
        if ((long)bytes.Length != 8 + (long)count)
        {
            throw new DataFormatException(name, $"8 + {count} = {8 + (long)count} bytes", $"{bytes.Length} bytes");
        }

        if (count != imageCount)
        {
            throw new DataFormatException(name, $"{imageCount} labels, one per image in {imagesName}", $"{count}");
        }

        var labels = Array.ConvertAll(bytes[8..], b => (int)b);
        var bad = Array.FindIndex(labels, l => l >= Classes);
        if (bad >= 0)
        {
            throw new DataFormatException(name, $"labels 0..{Classes - 1}", $"{labels[bad]} at index {bad}");
        }

        return labels;
    }

    private static void CheckHeader(string name, byte[] bytes, int headerSize, int magic, string kind)
    {
        if (bytes.Length < headerSize)
        {
            throw new DataFormatException(name, $"a header of {headerSize} bytes ({kind})", $"{bytes.Length} bytes");
        }

        var found = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (found != magic)
        {
            throw new DataFormatException(name, $"magic {magic} ({kind})", $"{found}");
        }
    }
}
