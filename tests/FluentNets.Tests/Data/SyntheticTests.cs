using FluentNets.Data;

namespace FluentNets.Tests.Data;

public class SyntheticTests
{
    [Theory]
    [InlineData(32, 32, 3, 10, 25)]
    [InlineData(8, 8, 1, 2, 7)]
    [InlineData(1, 5, 4, 3, 1)]
    public void HasTheAskedShapeCountAndCyclingLabels(int height, int width, int channels, int classes, int count)
    {
        var data = DataSets.Synthetic(Shape.Image(height, width, channels), classes, count, seed: 1);

        Assert.Equal(Shape.Image(height, width, channels), data.Shape);
        Assert.Equal((count, classes), (data.Count, data.Classes));
        Assert.Equal(Enumerable.Range(0, count).Select(i => i % classes), data.Labels);
        var (images, _) = Assert.Single(data.Batches(count));
        Assert.Equal([count, channels, height, width], images.Shape);
        Assert.All(images.Data, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void VectorShapesBatchAsNByC()
    {
        var (images, labels) = DataSets.Synthetic(Shape.Vector(20), 4, 6, seed: 0).Batches(6).Single();

        Assert.Equal([6, 20], images.Shape);
        Assert.Equal([0, 1, 2, 3, 0, 1], labels);
    }

    [Fact]
    public void TheSameSeedGivesTheSameData()
    {
        float[] Pixels(int seed) => DataSets.Synthetic(Shape.Image(4, 4, 2), 3, 9, seed).Batches(9).Single().Images.Data;

        Assert.Equal(Pixels(5), Pixels(5));
        Assert.NotEqual(Pixels(5), Pixels(6));
    }

    [Fact]
    public void ClassesAreLearnableByTheirMeans()
    {
        var (train, validation) = DataSets.Synthetic(Shape.Image(8, 8, 1), 5, 500, seed: 3).Split(0.8, seed: 3);
        var (trainImages, trainLabels) = train.Batches(train.Count).Single();
        var centroids = Enumerable.Range(0, 5)
            .Select(k => Enumerable.Range(0, 64).Select(e => trainLabels.Select((l, i) => (l, i)).Where(p => p.l == k).Average(p => trainImages.Data[p.i * 64 + e])).ToArray())
            .ToArray();
        var (images, labels) = validation.Batches(validation.Count).Single();

        var correct = labels.Where((label, i) =>
            Enumerable.Range(0, 5).MinBy(k => Enumerable.Range(0, 64).Sum(e => Math.Pow(images.Data[i * 64 + e] - centroids[k][e], 2))) == label).Count();

        Assert.Equal(validation.Count, correct);
    }
}
