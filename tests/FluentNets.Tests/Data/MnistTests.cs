using FluentNets.Data;

namespace FluentNets.Tests.Data;

public class MnistTests
{
    private static readonly byte[] Labels = [7, 0, 9];

    private static byte Pixel(int i) => (byte)(i * 37 % 256);

    private static byte[] Images() => DataFiles.IdxImages(3, 2, 3, Pixel);

    [Theory]
    [InlineData(true, false, false, "train")]
    [InlineData(true, true, true, "train")]
    [InlineData(true, true, false, "train")]
    [InlineData(false, false, false, "t10k")]
    [InlineData(false, true, true, "t10k")]
    public void LoadsIdxFilesPlainOrGzipped(bool train, bool gzipImages, bool gzipLabels, string prefix)
    {
        using var directory = new TempDirectory();
        directory.Write($"{prefix}-images-idx3-ubyte" + (gzipImages ? ".gz" : ""), gzipImages ? DataFiles.Gzip(Images()) : Images());
        directory.Write($"{prefix}-labels-idx1-ubyte" + (gzipLabels ? ".gz" : ""), gzipLabels ? DataFiles.Gzip(DataFiles.IdxLabels(Labels)) : DataFiles.IdxLabels(Labels));

        var mnist = Mnist.Load(directory.Path, train);

        Assert.Equal(train ? "mnist-train" : "mnist-test", mnist.Name);
        Assert.Equal(Shape.Image(2, 3, 1), mnist.Shape);
        Assert.Equal(10, mnist.Classes);
        var (images, labels) = Assert.Single(mnist.Batches(10));
        Assert.Equal([3, 1, 2, 3], images.Shape);
        Assert.Equal(Enumerable.Range(0, 18).Select(i => Pixel(i) / 255f), images.Data);
        Assert.Equal([7, 0, 9], labels);
    }

    [Fact]
    public void GzipIsRecognisedByItsMagicWhateverTheName()
    {
        using var directory = new TempDirectory();
        directory.Write("train-images-idx3-ubyte", DataFiles.Gzip(Images()));
        directory.Write("train-labels-idx1-ubyte", DataFiles.IdxLabels(Labels));

        Assert.Equal(3, Mnist.Load(directory.Path, train: true).Count);
    }

    [Fact]
    public void PixelBytesScaleToZeroOne()
    {
        using var directory = new TempDirectory();
        directory.Write("train-images-idx3-ubyte", DataFiles.IdxImages(1, 1, 3, i => new byte[] { 0, 51, 255 }[i]));
        directory.Write("train-labels-idx1-ubyte", DataFiles.IdxLabels([1]));

        Assert.Equal([0f, 0.2f, 1f], Mnist.Load(directory.Path, train: true).Batches(1).Single().Images.Data);
    }

    [Theory]
    [InlineData("images magic", "train-images-idx3-ubyte: expected magic 2051 (IDX images), found 2049.")]
    [InlineData("labels magic", "train-labels-idx1-ubyte: expected magic 2049 (IDX labels), found 2051.")]
    [InlineData("images truncated", "train-images-idx3-ubyte: expected 16 + 3 x 2 x 3 = 34 bytes, found 33 bytes.")]
    [InlineData("images too long", "train-images-idx3-ubyte: expected 16 + 3 x 2 x 3 = 34 bytes, found 35 bytes.")]
    [InlineData("images header cut", "train-images-idx3-ubyte: expected a header of 16 bytes (IDX images), found 10 bytes.")]
    [InlineData("images empty", "train-images-idx3-ubyte: expected a header of 16 bytes (IDX images), found 0 bytes.")]
    [InlineData("zero rows", "train-images-idx3-ubyte: expected images of at least 1x1 pixels, found 0x3.")]
    [InlineData("labels truncated", "train-labels-idx1-ubyte: expected 8 + 3 = 11 bytes, found 10 bytes.")]
    [InlineData("labels header cut", "train-labels-idx1-ubyte: expected a header of 8 bytes (IDX labels), found 5 bytes.")]
    [InlineData("fewer labels", "train-labels-idx1-ubyte: expected 3 labels, one per image in train-images-idx3-ubyte, found 2.")]
    [InlineData("label out of range", "train-labels-idx1-ubyte: expected labels 0..9, found 10 at index 1.")]
    [InlineData("images missing", "train-images-idx3-ubyte: expected train-images-idx3-ubyte or train-images-idx3-ubyte.gz in {dir}, found no such file.")]
    [InlineData("labels missing", "train-labels-idx1-ubyte: expected train-labels-idx1-ubyte or train-labels-idx1-ubyte.gz in {dir}, found no such file.")]
    [InlineData("corrupt gzip", "train-images-idx3-ubyte.gz: expected a valid gzip stream, found corrupt compressed data.")]
    [InlineData("truncated gzip", "train-images-idx3-ubyte.gz: expected a gzip stream that ends with its CRC-32 and length, as gzip writes it, found a stream cut short or followed by other data.")]
    [InlineData("gz name, plain content", "train-images-idx3-ubyte.gz: expected gzip data starting 1f 8b, found 00 00.")]
    public void EveryDamagedFileIsADataFormatExceptionNamingIt(string damage, string message)
    {
        using var directory = new TempDirectory();
        var images = Images();
        var labels = DataFiles.IdxLabels(Labels);
        var imagesName = "train-images-idx3-ubyte";
        switch (damage)
        {
            case "images magic": images = DataFiles.IdxImages(3, 2, 3, Pixel, magic: 2049); break;
            case "labels magic": labels = DataFiles.IdxLabels(Labels, magic: 2051); break;
            case "images truncated": images = images[..^1]; break;
            case "images too long": images = [.. images, 0]; break;
            case "images header cut": images = images[..10]; break;
            case "images empty": images = []; break;
            case "zero rows": images = DataFiles.IdxImages(3, 0, 3, Pixel); break;
            case "labels truncated": labels = labels[..^1]; break;
            case "labels header cut": labels = labels[..5]; break;
            case "fewer labels": labels = DataFiles.IdxLabels([7, 0]); break;
            case "label out of range": labels = DataFiles.IdxLabels([7, 10, 9]); break;
            case "images missing": images = null!; break;
            case "labels missing": labels = null!; break;
            case "corrupt gzip": (imagesName, images) = (imagesName + ".gz", [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff]); break;
            case "truncated gzip": (imagesName, images) = (imagesName + ".gz", TruncatedGzip(24)); break;
            case "gz name, plain content": imagesName += ".gz"; break;
        }

        if (images is not null)
        {
            directory.Write(imagesName, images);
        }

        if (labels is not null)
        {
            directory.Write("train-labels-idx1-ubyte", labels);
        }

        var error = Assert.Throws<DataFormatException>(() => Mnist.Load(directory.Path, train: true));

        Assert.Equal(message.Replace("{dir}", directory.Path, StringComparison.Ordinal), error.Message);
    }

    /// <summary>
    /// A gzip stream cut after the deflate data for its first <paramref name="kept"/> bytes: stored
    /// (uncompressed) deflate blocks make the cut land exactly there.
    /// </summary>
    private static byte[] TruncatedGzip(int kept)
    {
        var content = Images();
        byte[] header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
        byte[] Stored(bool last, byte[] data) => [(byte)(last ? 1 : 0), (byte)data.Length, 0, (byte)~data.Length, 0xff, .. data];
        return [.. header, .. Stored(false, content[..kept]), .. Stored(true, content[kept..])[..2]];
    }
}
