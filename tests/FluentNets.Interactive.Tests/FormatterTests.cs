using System.Xml.Linq;
using FluentNets.Training;
using FluentNets.Zoo;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace FluentNets.Interactive.Tests;

/// <summary>What a notebook shows for each FluentNets value once the extension is loaded, parsed back as markup.</summary>
public sealed class FormatterTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    static FormatterTests() => FluentNetsKernelExtension.Load(new CompositeKernel());

    private static XElement Html(object value) => XElement.Parse(value.ToDisplayString(HtmlFormatter.MimeType));

    [Fact]
    public void ANetworkShowsKerasSummaryWithItsTotalsAndAPlotWithOneBoxPerLayer()
    {
        var lenet = ModelZoo.Get("lenet5").Build();

        var html = Html(lenet);

        var rows = html.Descendants("table").Single().Element("tbody")!.Elements("tr").ToArray();
        Assert.Equal(9, rows.Length);
        Assert.Equal(["conv2d (Conv2D)", "(None, 28, 28, 6)", "156", "117,600"], rows[1].Elements("td").Select(td => td.Value));
        // Keras's model.summary() for seed 000's LeNet-5: 61,706 parameters, 241.04 KB.
        Assert.Contains("Total params: 61,706 (241.04 KB)", html.Descendants("li").Select(li => li.Value));
        var plot = html.Descendants(Svg + "svg").Single();
        Assert.Equal(lenet.Nodes.Select(n => n.Name), plot.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "layer").Select(g => g.Element(Svg + "title")!.Value));
        Assert.Empty(html.Descendants("details"));
    }

    [Fact]
    public void ANetworkWithBlocksShowsOneRowAndOneBoxPerBlockAndEveryLayerInAClosedSection()
    {
        var googlenet = ModelZoo.Get("googlenet").Build();
        var blocks = googlenet.Nodes.Select(n => n.Scope.Length == 0 ? n.Name : n.Scope.Split('/')[0]).Distinct().ToArray();

        var html = Html(googlenet);

        var details = html.Descendants("details").Single();
        Assert.Null(details.Attribute("open"));
        XElement[] Boxes(XElement within) => within.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") is "layer" or "layer auxiliary").ToArray();
        var top = html.Elements("div").First();
        Assert.Equal(blocks.Length, top.Descendants("table").Single().Element("tbody")!.Elements("tr").Count());
        Assert.Equal(blocks.Length, Boxes(top).Length);
        Assert.Equal(googlenet.Nodes.Count, details.Descendants("table").Single().Element("tbody")!.Elements("tr").Count());
        Assert.Equal(googlenet.Nodes.Count, Boxes(details).Length);
    }

    [Fact]
    public void ANetBuildExceptionShowsItsMessageWithTheLayerMarkedAndNoStackTrace()
    {
        // The analyzer reports this chain at compile time; the test needs it thrown at run time.
#pragma warning disable FN0001
        var thrown = Assert.Throws<NetBuildException>(() => Net.Input(13, 13, 3).Conv(8, 5).Conv(16, 5).Conv(32, 7));
#pragma warning restore FN0001

        var html = Html(thrown);

        Assert.Equal("conv2d_2", html.Descendants("mark").Single().Value);
        Assert.Contains(thrown.Message, html.Value, StringComparison.Ordinal);
        Assert.NotNull(thrown.StackTrace);
        Assert.DoesNotContain(" at ", html.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void AHistoryShowsFourCurvesWithAPointPerEpoch()
    {
        var history = new TrainingHistory(
            [
                new EpochResult(1, 0.9, 0.7, 0.9, new Evaluation(0.3, 0.9, 1, 359), 1e-3, 1, 100),
                new EpochResult(2, 0.2, 0.9, 1.0, new Evaluation(0.1, 0.96, 1, 359), 1e-3, 1, 100),
            ],
            false);

        var html = Html(history);

        var points = html.Descendants(Svg + "circle").GroupBy(c => (string)c.Attribute("data-series")!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["loss"] = 2, ["val_loss"] = 2, ["accuracy"] = 2, ["val_accuracy"] = 2 }, points);
        Assert.Contains("epoch 2: loss 0.2000, accuracy 0.9000, val_loss 0.1000, val_accuracy 0.9600", html.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void AConfusionMatrixShowsAHeatMapWhoseCellsSumToTheExamplesAndAnEvaluationItsAccuracy()
    {
        var matrix = ConfusionMatrix.FromLabels([0, 0, 1, 1, 1], [0, 1, 1, 1, 0], 2, ["yes", "no"]);

        var cells = Html(matrix).Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "cell").Select(g => (int)g.Attribute("data-count")!).ToArray();
        var evaluation = Html(new Evaluation(0.5, 0.6, 1, 5));

        Assert.Equal([1, 1, 1, 2], cells);
        Assert.Equal("0.6000 (3 of 5)", evaluation.Descendants("tr").First().Element("td")!.Value);
    }
}
