using FluentNets.Data;

namespace FluentNets.Tests.Data;

public class DataSetTests
{
    /// <summary>Examples whose one pixel is their own index, so a batch shows which examples it holds.</summary>
    private static DataSet Numbered(int count, int classes = 3) =>
        DataSet.FromPixels("numbered", Shape.Image(1, 1, 1), Enumerable.Range(0, count).Select(i => (float)i).ToArray(), Enumerable.Range(0, count).Select(i => i % classes).ToArray(), classes);

    private static int[] Ids(DataSet data, bool shuffle = false, int seed = 0, int batchSize = 4) =>
        data.Batches(batchSize, shuffle, seed).SelectMany(b => b.Images.Data).Select(v => (int)v).ToArray();

    [Theory]
    [InlineData(10, 4, new[] { 4, 4, 2 })]
    [InlineData(8, 4, new[] { 4, 4 })]
    [InlineData(3, 5, new[] { 3 })]
    [InlineData(1, 1, new[] { 1 })]
    public void BatchesIncludeTheLastPartialBatch(int count, int batchSize, int[] sizes)
    {
        var batches = Numbered(count).Batches(batchSize).ToList();

        Assert.Equal(sizes, batches.Select(b => b.Images.Shape[0]));
        Assert.Equal(sizes, batches.Select(b => b.Labels.Length));
        Assert.All(batches, b => Assert.Equal([b.Labels.Length, 1, 1, 1], b.Images.Shape));
    }

    [Fact]
    public void UnshuffledBatchesKeepTheOrderAndPairEachImageWithItsLabel()
    {
        var batches = Numbered(7).Batches(3, shuffle: true, seed: 5).ToList();

        Assert.Equal([0, 1, 2, 3, 4, 5, 6], Ids(Numbered(7)));
        Assert.All(batches, b => Assert.Equal(b.Images.Data.Select(v => (int)v % 3), b.Labels));
    }

    [Fact]
    public void ShuffleIsFixedBySeedOnEveryMachine()
    {
        var data = Numbered(10);

        Assert.Equal([8, 1, 5, 9, 0, 4, 3, 2, 6, 7], Ids(data, shuffle: true, seed: 7));
        Assert.Equal([5, 7, 0, 3, 6, 4, 8, 1, 9, 2], Ids(data, shuffle: true, seed: 8));
        Assert.Equal(Ids(data, shuffle: true, seed: 7), Ids(data, shuffle: true, seed: 7, batchSize: 3));
    }

    [Fact]
    public void EachShuffleIsAPermutation()
    {
        var ids = Ids(Numbered(1000), shuffle: true, seed: 123, batchSize: 64);

        Assert.Equal(Enumerable.Range(0, 1000), ids.Order());
        Assert.NotEqual(Enumerable.Range(0, 1000), ids);
    }

    [Fact]
    public void SplitIsFixedBySeedAndKeepsTheOrder()
    {
        var (train, validation) = Numbered(10).Split(0.6, seed: 7);

        Assert.Equal([0, 1, 4, 5, 8, 9], Ids(train));
        Assert.Equal([2, 3, 6, 7], Ids(validation));
        Assert.Equal("numbered-train", train.Name);
        Assert.Equal("numbered-validation", validation.Name);
        Assert.Equal([0, 1, 1, 2, 2, 0], train.Labels);
    }

    [Theory]
    [InlineData(1797, 0.8, 1438, 359)]
    [InlineData(100, 0.8, 80, 20)]
    [InlineData(10, 0.25, 3, 7)]
    [InlineData(3, 0.5, 2, 1)]
    public void SplitRoundsTheFirstPartToTheNearestExample(int count, double fraction, int first, int second)
    {
        var (train, validation) = Numbered(count).Split(fraction, seed: 1);

        Assert.Equal((first, second), (train.Count, validation.Count));
        Assert.Equal(Enumerable.Range(0, count), Ids(train).Concat(Ids(validation)).Order());
    }

    [Fact]
    public void DigitsSplitEightyTwentyTheSameWayEveryTime()
    {
        var digits = DataSets.Digits();
        var (train, validation) = digits.Split(0.8, seed: 42);
        var (again, _) = digits.Split(0.8, seed: 42);
        var (other, _) = digits.Split(0.8, seed: 43);

        Assert.Equal((1438, 359), (train.Count, validation.Count));
        Assert.Equal(train.Labels, again.Labels);
        Assert.NotEqual(train.Labels, other.Labels);
        Assert.Equal(digits.ClassCounts(), train.ClassCounts().Zip(validation.ClassCounts(), (a, b) => a + b));
        Assert.Equal(train.Batches(100).SelectMany(b => b.Images.Data), again.Batches(100).SelectMany(b => b.Images.Data));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void SplitNeedsAFractionStrictlyBetweenZeroAndOne(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(10).Split(fraction, 0));

    [Fact]
    public void SplitRefusesToLeaveAPartEmpty()
    {
        var error = Assert.Throws<ArgumentException>(() => Numbered(3).Split(0.9, 0));

        Assert.StartsWith("numbered: splitting 3 examples at 0.9 leaves a part empty.", error.Message);
    }

    [Fact]
    public void VectorDataSetsBatchAsNByC()
    {
        var data = DataSet.FromPixels("vectors", Shape.Vector(3), [1, 2, 3, 4, 5, 6], [0, 1], 2);

        var (images, labels) = Assert.Single(data.Batches(8));

        Assert.Equal([2, 3], images.Shape);
        Assert.Equal([1f, 2, 3, 4, 5, 6], images.Data);
        Assert.Equal([0, 1], labels);
    }

    [Fact]
    public void FromPixelsChecksSizesAndLabels()
    {
        var size = Assert.Throws<ArgumentException>(() => DataSet.FromPixels("x", Shape.Image(2, 2, 1), new float[7], [0, 1], 2));
        var label = Assert.Throws<ArgumentException>(() => DataSet.FromPixels("x", Shape.Image(1, 1, 1), new float[2], [0, 2], 2));

        Assert.StartsWith("x: expected 2 x 4 = 8 pixels for 2 labels of shape 2x2x1, found 7.", size.Message);
        Assert.StartsWith("expected labels 0..1, found 2 at index 1.", label.Message);
    }

    [Fact]
    public void BatchSizeMustBePositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(3).Batches(0));
}
