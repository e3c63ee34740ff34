using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FluentNets.Data;

namespace FluentNets.Examples.Tests;

/// <summary>
/// The example notebooks as a reader sees them after running: the summary's totals, a plot with one
/// box per layer, the curves, the confusion matrix and a final accuracy, and no error anywhere.
/// </summary>
public sealed partial class NotebookTests(NotebookRun notebooks) : IClassFixture<NotebookRun>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private Notebook Run(string name)
    {
        Assert.SkipWhen(notebooks.WhyNot is not null, notebooks.WhyNot ?? "");
        var notebook = notebooks[name];
        Assert.True(notebook.ExitCode == 0, $"dotnet-repl exited with {notebook.ExitCode}: {notebook.Log}");
        Assert.All(notebook.Cells, c => Assert.True(c.Errors.Count == 0, $"{c.Source}\n{string.Join("\n", c.Errors)}"));
        return notebook;
    }

    [Fact]
    public void QuickStartShowsLeNet5sSummaryAndAPlotWithOneBoxPerLayer()
    {
        var notebook = Run("QuickStart");

        var network = XElement.Parse(notebook.LastHtmlOf(".ToNetwork(\"lenet5\")"));

        // Keras's model.summary() of seed 000's LeNet-5: 61,706 parameters (241.04 KB), 416,520 MACs.
        var totals = network.Descendants("li").Select(li => li.Value).ToArray();
        Assert.Contains("Total params: 61,706 (241.04 KB)", totals);
        Assert.Contains("Total MACs: 416,520", totals);
        string[] layers = ["input_1", "conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "flatten", "dense", "dense_1", "dense_2"];
        Assert.Equal(layers, network.Descendants("tbody").Single().Elements("tr").Select(r => r.Element("td")!.Value.Split(' ')[0]));
        Assert.Equal(layers, network.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "layer").Select(g => g.Element(Svg + "title")!.Value));
    }

    [Fact]
    public void QuickStartShowsTheShapeErrorAsItsMessageWithTheLayerMarked()
    {
        var notebook = Run("QuickStart");

        var error = XElement.Parse(notebook.LastHtmlOf("catch (NetBuildException e)"));

        Assert.Equal("conv2d_2", error.Descendants("mark").Single().Value);
        Assert.Contains("kernel 7x7 does not fit input 5x5x16 with valid padding: (5 - 7 + 0)/1 + 1 = -1.", error.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void QuickStartShowsTheProgressTheCurvesTheConfusionMatrixAndTheFinalAccuracy()
    {
        var notebook = Run("QuickStart");
        var validation = DataSets.Digits().Split(0.8, seed: DataSets.DigitsSplitSeed).Validation;

        string progress = notebook.LastHtmlOf("var history = model.Fit(train, new FitOptions");
        var curves = XElement.Parse(notebook.LastHtmlOf("history")).Descendants(Svg + "circle").ToLookup(c => (string)c.Attribute("data-series")!);
        var confusion = Cells(notebook.LastHtmlOf("ConfusionMatrix.Of(model, validation)"));
        var accuracy = Accuracy(notebook.LastHtmlOf("model.Evaluate(validation)"));

        Assert.Contains("epoch 5/5: loss ", progress, StringComparison.Ordinal);
        Assert.All(new[] { "loss", "val_loss", "accuracy", "val_accuracy" }, s => Assert.Equal([1, 2, 3, 4, 5], curves[s].Select(c => (int)c.Attribute("data-epoch")!)));
        Assert.Equal(100, confusion.Length);
        Assert.Equal(validation.Count, confusion.Sum(c => c.Count));
        Assert.Equal(accuracy.Correct, confusion.Where(c => c.Actual == c.Predicted).Sum(c => c.Count));
        Assert.Equal(validation.Count, accuracy.Count);
        // LeNet-5 learns the digits in a few epochs: well above chance (0.1), as the command line's run shows.
        Assert.InRange(accuracy.Value, 0.85, 1.0);
    }

    [Fact]
    public void TransferLearningShowsTheFrozenBaseAndTheNewHeadsConfusionMatrixOverDigitsFiveToNine()
    {
        var notebook = Run("TransferLearning");
        var validation = DataSets.Digits().Split(0.8, seed: DataSets.DigitsSplitSeed).Validation;
        int high = validation.Labels.Count(l => l >= 5);

        var target = XElement.Parse(notebook.LastHtmlOf(".Freeze(\"base\");"));
        var confusion = XElement.Parse(notebook.LastHtmlOf("classNames: [\"5\""));
        var accuracy = Accuracy(notebook.Cells[^1].Html[^1]);

        // Depth 1: the input, the frozen base as one block, the new head.
        var rows = target.Descendants("table").First().Element("tbody")!.Elements("tr").Select(r => r.Elements("td").ToArray()).ToArray();
        Assert.Equal(["input_1 (InputLayer)", "base (Block)", "digits_5_9 (Dense)"], rows.Select(r => r[0].Value));
        Assert.Equal(["Y", "N", "Y"], rows.Select(r => r[^1].Value));
        Assert.Equal(["5", "6", "7", "8", "9"], confusion.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "actual").Select(t => t.Value));
        Assert.Equal(high, Cells(confusion.ToString()).Sum(c => c.Count));
        Assert.Equal(high, accuracy.Count);
        Assert.InRange(accuracy.Value, 0.5, 1.0);
    }

    private static (int Actual, int Predicted, int Count)[] Cells(string html) =>
        XElement.Parse(html).Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "cell")
            .Select(g => ((int)g.Attribute("data-actual")!, (int)g.Attribute("data-predicted")!, (int)g.Attribute("data-count")!))
            .ToArray();

    private static (double Value, int Correct, int Count) Accuracy(string html)
    {
        var match = AccuracyCell().Match(XElement.Parse(html).Descendants("tr").First().Element("td")!.Value);
        Assert.True(match.Success, html);
        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^([01]\.\d{4}) \((\d+) of (\d+)\)$")]
    private static partial Regex AccuracyCell();
}
