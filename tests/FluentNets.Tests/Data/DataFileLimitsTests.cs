using System.Buffers.Binary;
using FluentNets.Backends.Tests.Abstractions;
using FluentNets.Data;

namespace FluentNets.Tests.Data;

/// <summary>
/// Files built to hurt: gzip streams that inflate past what their header announces, gzip streams
/// cut in their trailer or followed by garbage, IDX headers with absurd sizes, and splits that do
/// not agree. Each is refused with one line naming the file and both values, before any training.
/// </summary>
public class DataFileLimitsTests
{
    private static readonly byte[] Labels = DataFiles.IdxLabels([1, 2, 3]);

    [Fact]
    public void AGzipBombIsRefusedAtTheFirstByteItsHeaderDidNotAnnounce()
    {
        // A header for 3 images of 2x3 (34 bytes), then 64 MiB of zeros: 64 KB of gzip.
        var bomb = new byte[64 << 20];
        DataFiles.IdxImages(3, 2, 3, _ => 0).CopyTo(bomb, 0);
        using var directory = new TempDirectory();
        directory.Write("train-images-idx3-ubyte.gz", DataFiles.Gzip(bomb));
        directory.Write("train-labels-idx1-ubyte", Labels);
        long before = GC.GetAllocatedBytesForCurrentThread();

        var e = Assert.Throws<DataFormatException>(() => Mnist.Load(directory.Path, train: true));

        Assert.Equal("train-images-idx3-ubyte.gz: expected 34 bytes of content, as its header announces, found more compressed data after them.", e.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 8 << 20);
    }

    [Fact]
    public void AHeaderAnnouncingMoreThanTheLimitIsRefusedBeforeInflating()
    {
        // 60,000 images of 28x28 announce 47,040,016 bytes; the limit is set to 1 MB.
        var header = DataFiles.IdxImages(0, 28, 28, _ => 0);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 60_000);
        using var directory = new TempDirectory();
        directory.Write("train-images-idx3-ubyte.gz", DataFiles.Gzip(header));
        directory.Write("train-labels-idx1-ubyte", Labels);

        var e = Assert.Throws<DataFormatException>(() => Mnist.Load(directory.Path, train: true, maxFileBytes: 1_000_000));

        Assert.Equal("train-images-idx3-ubyte.gz: expected at most 1,000,000 bytes (the limit), found a header announcing 47,040,016 bytes.", e.Message);
    }

    [Fact]
    public void APlainFileAboveTheLimitIsRefusedBeforeItIsRead()
    {
        using var directory = new TempDirectory();
        directory.Write("train-images-idx3-ubyte", DataFiles.IdxImages(3, 2, 3, _ => 0));
        directory.Write("train-labels-idx1-ubyte", Labels);

        var e = Assert.Throws<DataFormatException>(() => Mnist.Load(directory.Path, train: true, maxFileBytes: 33));

        Assert.Equal("train-images-idx3-ubyte: expected at most 33 bytes (the limit), found 34 bytes.", e.Message);
    }

    [Theory]
    [InlineData("trailer cut off", 8, 0)]
    [InlineData("length cut off", 4, 0)]
    [InlineData("one byte of the length cut off", 1, 0)]
    [InlineData("garbage after the stream", 0, 5)]
    public void AGzipStreamMustEndWithItsWholeTrailerAndNothingAfterIt(string damage, int cut, int garbage)
    {
        var gzip = DataFiles.Gzip(DataFiles.IdxImages(3, 2, 3, i => (byte)i));
        byte[] damaged = [.. gzip[..^cut], .. Enumerable.Repeat((byte)'x', garbage)];
        using var directory = new TempDirectory();
        directory.Write("train-images-idx3-ubyte.gz", damaged);
        directory.Write("train-labels-idx1-ubyte", Labels);

        var e = Assert.Throws<DataFormatException>(() => Mnist.Load(directory.Path, train: true));

        Assert.True(damage.Length > 0);
        Assert.Equal("train-images-idx3-ubyte.gz: expected a gzip stream that ends with its CRC-32 and length, as gzip writes it, found a stream cut short or followed by other data.", e.Message);
    }

    [Fact]
    public void GzipMembersWrittenOneAfterAnotherAreOneFileAsGzipReadsThem()
    {
        var images = DataFiles.IdxImages(3, 2, 3, i => (byte)i);
        using var directory = new TempDirectory();
        directory.Write("train-images-idx3-ubyte.gz", [.. DataFiles.Gzip(images[..20]), .. DataFiles.Gzip(images[20..])]);
        directory.Write("train-labels-idx1-ubyte", Labels);

        Assert.Equal(3, Mnist.Load(directory.Path, train: true).Count);
    }

    [Theory]
    [InlineData(0, 28, 28, "train-images-idx3-ubyte: expected at least one image, found 0.")]
    [InlineData(0, int.MinValue, 1, "train-images-idx3-ubyte: expected images of at most 65535x65535 pixels, found 2147483648x1.")]
    [InlineData(1, 65536, 65536, "train-images-idx3-ubyte: expected images of at most 65535x65535 pixels, found 65536x65536.")]
    public void EmptyAndAbsurdHeadersAreRefused(int count, int rows, int columns, string message)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(header, 2051);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), columns);
        using var directory = new TempDirectory();
        directory.Write("train-images-idx3-ubyte", header);
        directory.Write("train-labels-idx1-ubyte", DataFiles.IdxLabels([]));

        var e = Assert.Throws<DataFormatException>(() => Mnist.Load(directory.Path, train: true));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void TestImagesOfAnotherSizeThanTheTrainingImagesAreRefused()
    {
        using var directory = new TempDirectory();
        directory.Write("train-images-idx3-ubyte", DataFiles.IdxImages(3, 1, 1, i => (byte)i));
        directory.Write("train-labels-idx1-ubyte", Labels);
        directory.Write("t10k-images-idx3-ubyte", DataFiles.IdxImages(3, 28, 28, i => (byte)i));
        directory.Write("t10k-labels-idx1-ubyte", Labels);

        var e = Assert.Throws<DataFormatException>(() => DataSets.Parse("mnist:" + directory.Path));

        Assert.Equal("t10k-images-idx3-ubyte: expected images of 1x1 pixels, as in train-images-idx3-ubyte, found 28x28.", e.Message);
    }

    [Fact]
    public void ANamedPipeIsRefusedWithoutWaitingForAWriter()
    {
        using var directory = new TempDirectory();
        string pipe = Path.Combine(directory.Path, "train-images-idx3-ubyte");
        Assert.SkipUnless(Fifo.TryMake(pipe), "mkfifo is not available");
        directory.Write("train-labels-idx1-ubyte", Labels);

        var e = Assert.Throws<DataFormatException>(() => Mnist.Load(directory.Path, train: true));

        Assert.Equal("train-images-idx3-ubyte: expected a regular file, found a named pipe (FIFO).", e.Message);
    }

    [Fact]
    public void CifarFilesAboveTheLimitAreRefusedBeforeTheyAreRead()
    {
        using var directory = new TempDirectory();
        for (int i = 1; i <= 5; i++)
        {
            directory.Write($"data_batch_{i}.bin", DataFiles.CifarRecords([1, 2], (_, _) => 0));
        }

        var e = Assert.Throws<DataFormatException>(() => Cifar10.Load(directory.Path, train: true, maxFileBytes: 6000));

        Assert.Equal("data_batch_1.bin: expected at most 6,000 bytes (the limit), found 6,146 bytes.", e.Message);
    }

    [Fact]
    public void ASyntheticSetTooLargeForAnArrayIsRefusedWithItsSize()
    {
        var e = Assert.Throws<ArgumentException>(() => DataSets.Parse("synthetic:100000x100000x3"));

        Assert.Equal("'synthetic:100000x100000x3' is too large: 1200 examples of 100000x100000x3 are 36,000,000,000,000 bytes, above the 2,147,483,591 one array holds.", e.Message);
    }
}
