using System.Globalization;
using System.Xml.Linq;
using FluentNets.Backends.TorchSharp;
using FluentNets.Data;
using FluentNets.Export.Plot;
using FluentNets.Training;

namespace FluentNets.Export.Tests.Plot;

/// <summary>Training curves read back from the picture: a point per epoch, at the history's values.</summary>
public sealed class HistoryPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly Lazy<TrainingHistory> Trained = new(() =>
    {
        var (train, validation) = DataSets.Digits().Split(0.8, seed: DataSets.DigitsSplitSeed);
        var network = Net.Input(8, 8, 1).Conv(8, 3, activation: Activation.Relu).Flatten().Dense(10, activation: Activation.Softmax).ToNetwork("small");
        using var compiled = (ITrainableNetwork)new TorchSharpBackend(new TorchSharpBackendOptions { Device = "cpu" }).Compile(network, seed: 1);
        return compiled.Fit(train, new FitOptions { Epochs = 4, BatchSize = 32, Validation = validation, Seed = 1 });
    });

    [Fact]
    public void EverySeriesHasOnePointPerEpochAtTheHistorysValue()
    {
        var history = Trained.Value;

        var svg = XDocument.Parse(history.Plot("small"));

        var expected = new Dictionary<string, double[]>
        {
            ["loss"] = history.Epochs.Select(e => e.Loss).ToArray(),
            ["val_loss"] = history.Epochs.Select(e => e.Validation!.Loss).ToArray(),
            ["accuracy"] = history.Epochs.Select(e => e.Accuracy).ToArray(),
            ["val_accuracy"] = history.Epochs.Select(e => e.Validation!.Accuracy).ToArray(),
        };
        var points = Points(svg);
        Assert.Equal(expected.Keys.Order(), points.Keys.Order());
        foreach (var (series, values) in expected)
        {
            Assert.Equal([1, 2, 3, 4], points[series].Select(p => p.Epoch));
            Assert.Equal(values, points[series].Select(p => p.Value));
        }
    }

    [Fact]
    public void PointsSitOnOneLinearScalePerPanelHigherValuesHigherUp()
    {
        var svg = XDocument.Parse(Trained.Value.Plot());

        var points = Points(svg);
        foreach (var panel in new[] { new[] { "loss", "val_loss" }, ["accuracy", "val_accuracy"] })
        {
            var all = panel.SelectMany(s => points[s]).ToArray();
            // y = a - b * value with one b > 0 for the whole panel (coordinates are rounded to 0.1 px).
            var (low, high) = (all.MinBy(p => p.Value), all.MaxBy(p => p.Value));
            double slope = (low.Y - high.Y) / (high.Value - low.Value);
            Assert.True(slope > 0, $"{panel[0]}: a higher value must be drawn higher up");
            Assert.All(all, p => Assert.Equal(low.Y - slope * (p.Value - low.Value), p.Y, 0.11));
            // Epochs are equally spaced along x.
            var xs = points[panel[0]].Select(p => p.X).ToArray();
            Assert.All(xs.Zip(xs.Skip(1), (a, b) => b - a), d => Assert.Equal(xs[1] - xs[0], d, 0.11));
        }
    }

    [Fact]
    public void WithoutValidationOnlyTheTrainingCurvesAreDrawn()
    {
        var history = new TrainingHistory([new EpochResult(1, 2.0, 0.4, 0.8, null, 1e-3, 1, 100), new EpochResult(2, 1.5, 0.6, 0.9, null, 1e-3, 1, 100)], false);

        var svg = XDocument.Parse(history.Plot());

        Assert.Equal(["accuracy", "loss"], Points(svg).Keys.Order());
        Assert.DoesNotContain("validation", svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "legend").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ADivergedLossLeavesItsEpochOutOfTheLossCurveOnly()
    {
        var history = new TrainingHistory([new EpochResult(1, 2.0, 0.4, 0.8, null, 1e-3, 1, 100), new EpochResult(2, double.NaN, 0.1, 0.5, null, 1e-3, 1, 100)], false);

        var points = Points(XDocument.Parse(history.Plot()));

        Assert.Equal([1], points["loss"].Select(p => p.Epoch));
        Assert.Equal([1, 2], points["accuracy"].Select(p => p.Epoch));
    }

    private static Dictionary<string, (int Epoch, double Value, double X, double Y)[]> Points(XDocument svg) =>
        svg.Descendants(Svg + "circle")
            .Where(c => (string?)c.Attribute("class") == "point")
            .GroupBy(c => (string)c.Attribute("data-series")!)
            .ToDictionary(g => g.Key, g => g.Select(c => (
                (int)c.Attribute("data-epoch")!,
                double.Parse((string)c.Attribute("data-value")!, CultureInfo.InvariantCulture),
                double.Parse((string)c.Attribute("cx")!, CultureInfo.InvariantCulture),
                double.Parse((string)c.Attribute("cy")!, CultureInfo.InvariantCulture))).ToArray());
}
