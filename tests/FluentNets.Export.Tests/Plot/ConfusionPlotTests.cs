using System.Globalization;
using System.Xml.Linq;
using FluentNets.Export.Plot;
using FluentNets.Training;

namespace FluentNets.Export.Tests.Plot;

/// <summary>A confusion matrix read back from its heat map.</summary>
public sealed class ConfusionPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // 3 classes, 12 examples, counted by hand: row = actual, column = predicted.
    private static readonly ConfusionMatrix Matrix = ConfusionMatrix.FromLabels(
        [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2],
        [0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 0],
        3,
        ["cat", "dog", "bird"]);

    [Fact]
    public void EveryCellCarriesItsCountAndTheCellsSumToTheExamples()
    {
        var svg = XDocument.Parse(Matrix.Plot("small on pets"));

        var cells = Cells(svg);
        Assert.Equal(9, cells.Length);
        int[,] expected = { { 3, 1, 0 }, { 0, 2, 1 }, { 1, 0, 4 } };
        Assert.All(cells, c => Assert.Equal(expected[c.Actual, c.Predicted], c.Count));
        Assert.All(cells, c => Assert.Equal(c.Count.ToString(CultureInfo.InvariantCulture), c.Text));
        Assert.Equal(12, cells.Sum(c => c.Count));
        Assert.Contains("accuracy 0.7500 (9 of 12)", svg.Root!.Element(Svg + "title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void TheClassNamesLabelBothAxesInOrder()
    {
        var svg = XDocument.Parse(Matrix.Plot());

        string[] Names(string axis) => svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == axis).Select(t => t.Value).ToArray();
        Assert.Equal(["cat", "dog", "bird"], Names("actual"));
        Assert.Equal(["cat", "dog", "bird"], Names("predicted"));
    }

    [Fact]
    public void ALargerCountIsADarkerCell()
    {
        var cells = Cells(XDocument.Parse(Matrix.Plot()));

        // Relative luminance (ITU-R BT.709 weights) of each fill, ordered by count: strictly darker as counts grow.
        var byCount = cells.GroupBy(c => c.Count).OrderBy(g => g.Key).Select(g => g.Select(c => Luminance(c.Fill)).Distinct().Single()).ToArray();
        Assert.True(byCount.Zip(byCount.Skip(1), (a, b) => b < a).All(x => x), string.Join(", ", byCount));
        Assert.Equal(1.0, byCount[0], 0.05);
    }

    private static double Luminance(string fill)
    {
        int Channel(int i) => int.Parse(fill.AsSpan(1 + 2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (0.2126 * Channel(0) + 0.7152 * Channel(1) + 0.0722 * Channel(2)) / 255;
    }

    private static (int Actual, int Predicted, int Count, string Text, string Fill)[] Cells(XDocument svg) =>
        svg.Descendants(Svg + "g")
            .Where(g => (string?)g.Attribute("class") == "cell")
            .Select(g => (
                (int)g.Attribute("data-actual")!,
                (int)g.Attribute("data-predicted")!,
                (int)g.Attribute("data-count")!,
                g.Element(Svg + "text")?.Value ?? "",
                (string)g.Element(Svg + "rect")!.Attribute("fill")!))
            .ToArray();
}
