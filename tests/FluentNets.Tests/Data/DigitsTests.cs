using System.IO.Compression;
using FluentNets.Data;

namespace FluentNets.Tests.Data;

public class DigitsTests
{
    [Fact]
    public void DigitsAreThe1797EmbeddedEightByEightImages()
    {
        var digits = DataSets.Digits();

        Assert.Equal("digits", digits.Name);
        Assert.Equal(1797, digits.Count);
        Assert.Equal(Shape.Image(8, 8, 1), digits.Shape);
        Assert.Equal(10, digits.Classes);
        Assert.Equal("digits: 1797 x 8x8x1, 10 classes", digits.ToString());
    }

    [Fact]
    public void LabelsAndPixelsMatchAnIndependentParseOfTheCsv()
    {
        var rows = ReadCsv();
        var digits = DataSets.Digits();

        Assert.Equal(rows.Select(r => r[64]), digits.Labels);
        Assert.Equal(
            rows.GroupBy(r => r[64]).OrderBy(g => g.Key).Select(g => g.Count()),
            digits.ClassCounts());
        var (images, labels) = Assert.Single(digits.Batches(2000));
        Assert.Equal([1797, 1, 8, 8], images.Shape);
        Assert.Equal(rows.SelectMany(r => r.Take(64).Select(p => p / 16f)), images.Data);
        Assert.Equal(rows.Select(r => r[64]), labels);
    }

    [Theory]
    [InlineData(0, 178)]
    [InlineData(1, 182)]
    [InlineData(2, 177)]
    [InlineData(3, 183)]
    [InlineData(4, 181)]
    [InlineData(5, 182)]
    [InlineData(6, 181)]
    [InlineData(7, 179)]
    [InlineData(8, 174)]
    [InlineData(9, 180)]
    public void EachDigitHasItsPublishedCount(int digit, int count) =>
        Assert.Equal(count, DataSets.Digits().ClassCounts()[digit]);

    [Fact]
    public void TheFirstDigitIsAZeroWithItsCsvPixels()
    {
        var (images, labels) = DataSets.Digits().Batches(1).First();

        Assert.Equal([0], labels);
        Assert.Equal(new[] { 0, 0, 5, 13, 9, 1, 0, 0 }.Select(p => p / 16f), images.Data.Take(8));
    }

    private static List<int[]> ReadCsv()
    {
        using var resource = typeof(DataSets).Assembly.GetManifestResourceStream("FluentNets.Data.digits.csv.gz")!;
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var rows = new List<int[]>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            rows.Add(line.Split(',').Select(int.Parse).ToArray());
        }

        return rows;
    }
}
