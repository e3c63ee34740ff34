namespace FluentNets.Data;

/// <summary>
/// CIFAR-10 in its binary version (<see href="https://www.cs.toronto.edu/~kriz/cifar.html"/>):
/// files of 3073-byte records, one label byte (0..9) then 3072 pixel bytes, channel-planar
/// (1024 red, 1024 green, 1024 blue, each row-major 32x32).
/// </summary>
public static class Cifar10
{
    /// <summary>CIFAR-10's class count.</summary>
    public const int Classes = 10;

    /// <summary>The class names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    private const int PixelBytes = 3 * 32 * 32;
    private const int RecordBytes = 1 + PixelBytes;

    /// <summary>
    /// Loads <c>data_batch_1.bin</c> .. <c>data_batch_5.bin</c> (or <c>test_batch.bin</c> when
    /// <paramref name="train"/> is false) from <paramref name="directory"/>, or from its
    /// <c>cifar-10-batches-bin</c> folder, the one the official archive unpacks to. Each file may
    /// hold any whole number of records (10000 in the official files). Pixels are scaled to [0, 1];
    /// the shape is 32x32x3.
    /// </summary>
    /// <param name="directory">The folder of the files, or of their <c>cifar-10-batches-bin</c> folder.</param>
    /// <param name="train">The five data batches, else the test batch.</param>
    /// <param name="maxFileBytes">The most bytes a file may hold; a larger one is refused before it is read.</param>
    /// <exception cref="DataFormatException">
    /// A file is missing, not a regular file, empty, larger than <paramref name="maxFileBytes"/>, holds a
    /// partial record, or a label is not 0..9; or the files together hold more pixels than an array can.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFileBytes"/> is not positive or above <see cref="Array.MaxLength"/>.</exception>
    public static DataSet Load(string directory, bool train, long maxFileBytes = DataSets.DefaultMaxFileBytes)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFileBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFileBytes, Array.MaxLength);
        string[] names = train ? [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin")] : ["test_batch.bin"];
        var unpacked = Path.Combine(directory, "cifar-10-batches-bin");
        if (!File.Exists(Path.Combine(directory, names[0])) && Directory.Exists(unpacked))
        {
            directory = unpacked;
        }

        var files = names.Select(n => DataFile.Read(directory, n, alsoGz: false, maxFileBytes)).ToArray();
        foreach (var (name, bytes) in files)
        {
            Check(name, bytes);
        }

        var count = files.Sum(f => f.Bytes.Length / RecordBytes);
        if ((long)count * PixelBytes > Array.MaxLength)
        {
            throw new DataFormatException(files[^1].Name, $"at most {Array.MaxLength / PixelBytes} records in all (one array of pixels)", $"{count}");
        }

        var pixels = new byte[(long)count * PixelBytes];
        var labels = new int[count];
        var example = 0;
        foreach (var (_, bytes) in files)
        {
            for (var record = 0; record < bytes.Length; record += RecordBytes, example++)
            {
                labels[example] = bytes[record];
                bytes.AsSpan(record + 1, PixelBytes).CopyTo(pixels.AsSpan(example * PixelBytes));
            }
        }

        var store = ExampleStore.FromBytes(Shape.Image(32, 32, 3), pixels, labels, 255);
        return DataSet.Create(train ? "cifar10-train" : "cifar10-test", Classes, store);
    }

    private static void Check(string name, byte[] bytes)
    {
        const string record = "3073-byte records (1 label byte + 3072 pixel bytes)";
        if (bytes.Length == 0)
        {
            throw new DataFormatException(name, $"one or more {record}", "an empty file");
        }

        if (bytes.Length % RecordBytes != 0)
        {
            throw new DataFormatException(name, $"a whole number of {record}", $"{bytes.Length} bytes = {bytes.Length / RecordBytes} x {RecordBytes} + {bytes.Length % RecordBytes}");
        }

        for (var r = 0; r < bytes.Length / RecordBytes; r++)
        {
            var label = bytes[r * RecordBytes];
            if (label >= Classes)
            {
                throw new DataFormatException(name, $"labels 0..{Classes - 1}", $"{label} in record {r}");
            }
        }
    }
}
