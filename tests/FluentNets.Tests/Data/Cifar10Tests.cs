using FluentNets.Data;

namespace FluentNets.Tests.Data;

public class Cifar10Tests
{
    private static byte Pixel(int record, int i) => (byte)((record * 31 + i * 7) % 256);

    /// <summary>Writes the five training files (file k holds k records labelled k..) and a test file of 2 records.</summary>
    private static void WriteAll(TempDirectory directory, string folder = "")
    {
        for (var k = 1; k <= 5; k++)
        {
            directory.Write(Path.Combine(folder, $"data_batch_{k}.bin"), DataFiles.CifarRecords([.. Enumerable.Range(0, k).Select(r => (byte)((k + r) % 10))], (r, i) => Pixel(k * 10 + r, i)));
        }

        directory.Write(Path.Combine(folder, "test_batch.bin"), DataFiles.CifarRecords([3, 8], (r, i) => Pixel(100 + r, i)));
    }

    [Fact]
    public void TrainingConcatenatesTheFiveBatchFilesInOrder()
    {
        using var directory = new TempDirectory();
        WriteAll(directory);

        var cifar = Cifar10.Load(directory.Path, train: true);

        Assert.Equal("cifar10-train", cifar.Name);
        Assert.Equal(Shape.Image(32, 32, 3), cifar.Shape);
        Assert.Equal(15, cifar.Count);
        Assert.Equal([1, 2, 3, 3, 4, 5, 4, 5, 6, 7, 5, 6, 7, 8, 9], cifar.Labels);
        var (images, _) = Assert.Single(cifar.Batches(100));
        Assert.Equal([15, 3, 32, 32], images.Shape);
        var fourthExample = images.Data.AsSpan(3 * 3072, 3072).ToArray();
        Assert.Equal(Enumerable.Range(0, 3072).Select(i => Pixel(30, i) / 255f), fourthExample);
    }

    [Fact]
    public void PixelsAreChannelPlanarRedGreenBlue()
    {
        using var directory = new TempDirectory();
        directory.Write("test_batch.bin", DataFiles.CifarRecords([6], (_, i) => (byte)(i / 1024 * 100 + i % 2)));

        var (images, labels) = Cifar10.Load(directory.Path, train: false).Batches(1).Single();

        Assert.Equal([6], labels);
        Assert.Equal([0f, 1 / 255f], images.Data[..2]);
        Assert.Equal([100 / 255f, 101 / 255f], images.Data[1024..1026]);
        Assert.Equal([200 / 255f, 201 / 255f], images.Data[2048..2050]);
    }

    [Fact]
    public void TestIsTheTestBatch()
    {
        using var directory = new TempDirectory();
        WriteAll(directory);

        var test = Cifar10.Load(directory.Path, train: false);

        Assert.Equal("cifar10-test", test.Name);
        Assert.Equal([3, 8], test.Labels);
        Assert.Equal(Pixel(101, 3071) / 255f, test.Batches(2).Single().Images.Data[^1]);
    }

    [Fact]
    public void TheArchivesFolderIsFoundInsideTheDirectory()
    {
        using var directory = new TempDirectory();
        WriteAll(directory, "cifar-10-batches-bin");

        Assert.Equal(15, Cifar10.Load(directory.Path, train: true).Count);
    }

    [Theory]
    [InlineData("partial record", "data_batch_3.bin: expected a whole number of 3073-byte records (1 label byte + 3072 pixel bytes), found 9218 bytes = 2 x 3073 + 3072.")]
    [InlineData("extra byte", "data_batch_3.bin: expected a whole number of 3073-byte records (1 label byte + 3072 pixel bytes), found 9220 bytes = 3 x 3073 + 1.")]
    [InlineData("empty", "data_batch_3.bin: expected one or more 3073-byte records (1 label byte + 3072 pixel bytes), found an empty file.")]
    [InlineData("label out of range", "data_batch_3.bin: expected labels 0..9, found 10 in record 1.")]
    [InlineData("missing", "data_batch_3.bin: expected data_batch_3.bin in {dir}, found no such file.")]
    public void EveryDamagedFileIsADataFormatExceptionNamingIt(string damage, string message)
    {
        using var directory = new TempDirectory();
        WriteAll(directory);
        var file = Path.Combine(directory.Path, "data_batch_3.bin");
        var good = File.ReadAllBytes(file);
        switch (damage)
        {
            case "partial record": File.WriteAllBytes(file, good[..^1]); break;
            case "extra byte": File.WriteAllBytes(file, [.. good, 0]); break;
            case "empty": File.WriteAllBytes(file, []); break;
            case "label out of range": File.WriteAllBytes(file, DataFiles.CifarRecords([0, 10, 0], Pixel)); break;
            case "missing": File.Delete(file); break;
        }

        var error = Assert.Throws<DataFormatException>(() => Cifar10.Load(directory.Path, train: true));

        Assert.Equal(message.Replace("{dir}", directory.Path, StringComparison.Ordinal), error.Message);
    }
}
