using FluentNets.Data;

namespace FluentNets.Tests.Data;

public class DataSetsParseTests
{
    [Theory]
    [InlineData("digits", "digits-train", 1438, "digits-validation", 359, "8x8x1")]
    [InlineData("DIGITS", "digits-train", 1438, "digits-validation", 359, "8x8x1")]
    [InlineData("synthetic", "synthetic-train", 1000, "synthetic-validation", 200, "28x28x1")]
    [InlineData("synthetic:32x32x3", "synthetic-train", 1000, "synthetic-validation", 200, "32x32x3")]
    public void BuiltInSpecsGiveTrainingAndValidationSets(string spec, string trainName, int trainCount, string validationName, int validationCount, string shape)
    {
        var (train, validation) = DataSets.Parse(spec);

        Assert.Equal((trainName, trainCount, shape), (train.Name, train.Count, train.Shape.ToString()));
        Assert.Equal((validationName, validationCount, shape), (validation.Name, validation.Count, validation.Shape.ToString()));
    }

    [Fact]
    public void DigitsSplitTheSameWayAsTheirFixedSeed() =>
        Assert.Equal(DataSets.Digits().Split(0.8, DataSets.DigitsSplitSeed).Validation.Labels, DataSets.Parse("digits").Validation.Labels);

    [Fact]
    public void MnistReadsTheTrainAndT10kFiles()
    {
        using var directory = new TempDirectory();
        directory.Write("train-images-idx3-ubyte.gz", DataFiles.Gzip(DataFiles.IdxImages(3, 28, 28, i => (byte)i)));
        directory.Write("train-labels-idx1-ubyte.gz", DataFiles.Gzip(DataFiles.IdxLabels([1, 2, 3])));
        directory.Write("t10k-images-idx3-ubyte", DataFiles.IdxImages(2, 28, 28, i => (byte)i));
        directory.Write("t10k-labels-idx1-ubyte", DataFiles.IdxLabels([4, 5]));

        var (train, validation) = DataSets.Parse("mnist:" + directory.Path);

        Assert.Equal(("mnist-train", 3), (train.Name, train.Count));
        Assert.Equal(("mnist-test", 2), (validation.Name, validation.Count));
        Assert.Equal(Shape.Image(28, 28, 1), train.Shape);
    }

    [Fact]
    public void Cifar10ReadsTheDataAndTestBatches()
    {
        using var directory = new TempDirectory();
        for (var k = 1; k <= 5; k++)
        {
            directory.Write($"data_batch_{k}.bin", DataFiles.CifarRecords([(byte)k], (_, _) => 0));
        }

        directory.Write("test_batch.bin", DataFiles.CifarRecords([0, 9], (_, _) => 0));

        var (train, validation) = DataSets.Parse("cifar10:" + directory.Path);

        Assert.Equal([1, 2, 3, 4, 5], train.Labels);
        Assert.Equal([0, 9], validation.Labels);
    }

    [Fact]
    public void AMissingDirectoryIsADataFormatException()
    {
        var error = Assert.Throws<DataFormatException>(() => DataSets.Parse("mnist:/no/such/dir"));

        Assert.Equal("train-images-idx3-ubyte: expected train-images-idx3-ubyte or train-images-idx3-ubyte.gz in /no/such/dir, found no such file.", error.Message);
    }

    [Theory]
    [InlineData("imagenet", "unknown data set 'imagenet': expected digits, mnist:DIR, cifar10:DIR, synthetic or synthetic:HxWxC.")]
    [InlineData("", "unknown data set '': expected digits, mnist:DIR, cifar10:DIR, synthetic or synthetic:HxWxC.")]
    [InlineData("digits:extra", "unknown data set 'digits:extra': expected digits, mnist:DIR, cifar10:DIR, synthetic or synthetic:HxWxC.")]
    [InlineData("mnist", "'mnist' names no directory: expected mnist:DIR, e.g. mnist:./data/mnist.")]
    [InlineData("cifar10: ", "'cifar10: ' names no directory: expected cifar10:DIR, e.g. cifar10:./data/cifar10.")]
    [InlineData("synthetic:32x32", "'synthetic:32x32' has no valid shape: expected synthetic:HxWxC with positive sizes, e.g. synthetic:32x32x3.")]
    [InlineData("synthetic:0x4x4", "'synthetic:0x4x4' has no valid shape: expected synthetic:HxWxC with positive sizes, e.g. synthetic:32x32x3.")]
    public void AnUnknownSpecIsAnArgumentExceptionWithOneLine(string spec, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => DataSets.Parse(spec)).Message);
}
