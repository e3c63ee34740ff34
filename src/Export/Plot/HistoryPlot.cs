using System.Xml.Linq;
using FluentNets.Training;
using static FluentNets.Export.Plot.SvgText;

namespace FluentNets.Export.Plot;

/// <summary>
/// Draws a training history as Keras users plot <c>model.fit</c>'s history: loss on the left,
/// accuracy on the right, epochs along the bottom, training solid and validation dashed. Every
/// point carries its series, epoch and exact value (<c>data-series</c>, <c>data-epoch</c>,
/// <c>data-value</c>), so a program can read the numbers back from the picture.
/// </summary>
public static class HistoryPlot
{
    private const double PanelWidth = 340;
    private const double PanelHeight = 220;
    private const double Left = 56;
    private const double Top = 40;
    private const double Gap = 80;
    private const double Bottom = 64;

    /// <summary>The series a history plot draws, with their colours (matplotlib's first two, as Keras's examples use).</summary>
    private static readonly (string Name, string Panel, bool Validation, string Colour, Func<EpochResult, double?> Value)[] Series =
    [
        ("loss", "loss", false, "#1f77b4", e => e.Loss),
        ("val_loss", "loss", true, "#ff7f0e", e => e.Validation?.Loss),
        ("accuracy", "accuracy", false, "#1f77b4", e => e.Accuracy),
        ("val_accuracy", "accuracy", true, "#ff7f0e", e => e.Validation?.Accuracy),
    ];

    /// <summary>The loss and accuracy curves of <paramref name="history"/> as a standalone SVG image.</summary>
    /// <param name="history">The epochs so far; a history with none draws empty axes.</param>
    /// <param name="title">A title above the panels, e.g. the network's name.</param>
    public static string Plot(this TrainingHistory history, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var epochs = history.Epochs;
        double width = Left + PanelWidth * 2 + Gap + 24;
        double height = Top + PanelHeight + Bottom;
        var root = Root(width, height, title ?? "training history");
        if (title is not null)
        {
            root.Add(Text(width / 2, 20, title, "middle", new XAttribute("font-size", "14"), new XAttribute("font-weight", "bold")));
        }

        var x = ChartAxis.Covering(1, Math.Max(1, epochs.Count == 0 ? 1 : epochs[^1].Epoch), ticks: Math.Min(10, Math.Max(1, epochs.Count - 1)));
        root.Add(Panel("loss", Left, epochs, x));
        root.Add(Panel("accuracy", Left + PanelWidth + Gap, epochs, x));
        root.Add(Legend(width / 2, Top + PanelHeight + 48, epochs.Any(e => e.Validation is not null)));
        return Document(root);
    }

    private static XElement Panel(string panel, double left, IReadOnlyList<EpochResult> epochs, ChartAxis x)
    {
        var series = Series.Where(s => s.Panel == panel).ToArray();
        var values = epochs.SelectMany(e => series.Select(s => s.Value(e))).OfType<double>().Where(double.IsFinite).ToArray();
        double low = values.Length == 0 ? 0 : values.Min();
        double high = values.Length == 0 ? 1 : values.Max();
        // Loss is drawn from 0, so that a fall reads as a fraction of where it started; accuracy
        // is zoomed to its range, where the last few points of a good run are the interesting ones.
        var y = ChartAxis.Covering(panel == "loss" ? Math.Min(0, low) : low, high);
        double right = left + PanelWidth;
        double bottom = Top + PanelHeight;
        double X(double epoch) => x.Map(epoch, left, right);
        double Y(double value) => y.Map(value, bottom, Top);

        var g = new XElement(Ns + "g", new XAttribute("class", "panel"), new XAttribute("data-panel", panel));
        var grid = new XElement(Ns + "g", new XAttribute("class", "grid"), new XAttribute("stroke", "#e0e0e0"));
        var labels = new XElement(Ns + "g", new XAttribute("class", "ticks"), new XAttribute("fill", "#333"));
        foreach (double tick in y.Ticks)
        {
            grid.Add(Line(left, Y(tick), right, Y(tick)));
            labels.Add(Text(left - 6, Y(tick) + 4, y.Label(tick), "end"));
        }

        foreach (double tick in x.Ticks.Where(t => t >= 1 && Math.Abs(t - Math.Round(t)) < 1e-9))
        {
            grid.Add(Line(X(tick), Top, X(tick), bottom));
            labels.Add(Text(X(tick), bottom + 16, x.Label(tick)));
        }

        g.Add(grid, labels,
            new XElement(Ns + "rect", new XAttribute("x", F(left)), new XAttribute("y", F(Top)), new XAttribute("width", F(PanelWidth)), new XAttribute("height", F(PanelHeight)),
                new XAttribute("fill", "none"), new XAttribute("stroke", "#333")),
            Text((left + right) / 2, Top - 8, panel, "middle", new XAttribute("font-weight", "bold")),
            Text((left + right) / 2, bottom + 34, "epoch"));

        foreach (var s in series)
        {
            var points = epochs.Select(e => (e.Epoch, Value: s.Value(e))).Where(p => p.Value is { } v && double.IsFinite(v)).Select(p => (p.Epoch, Value: p.Value!.Value)).ToArray();
            if (points.Length == 0)
            {
                continue;
            }

            var line = new XElement(Ns + "g", new XAttribute("class", "series"), new XAttribute("data-series", s.Name),
                new XElement(Ns + "polyline",
                    new XAttribute("points", string.Join(" ", points.Select(p => $"{F(X(p.Epoch))},{F(Y(p.Value))}"))),
                    new XAttribute("fill", "none"), new XAttribute("stroke", s.Colour), new XAttribute("stroke-width", "2"),
                    s.Validation ? new XAttribute("stroke-dasharray", "6 4") : null));
            foreach (var (epoch, value) in points)
            {
                line.Add(new XElement(Ns + "circle", new XAttribute("class", "point"),
                    new XAttribute("cx", F(X(epoch))), new XAttribute("cy", F(Y(value))), new XAttribute("r", "3"), new XAttribute("fill", s.Colour),
                    new XAttribute("data-series", s.Name), new XAttribute("data-epoch", epoch), new XAttribute("data-value", Exact(value)),
                    new XElement(Ns + "title", FormattableString.Invariant($"{s.Name} epoch {epoch}: {value:F4}"))));
            }

            g.Add(line);
        }

        return g;
    }

    private static XElement Legend(double centre, double y, bool validation)
    {
        var g = new XElement(Ns + "g", new XAttribute("class", "legend"));
        var entries = validation ? new[] { ("training", "#1f77b4", false), ("validation", "#ff7f0e", true) } : [("training", "#1f77b4", false)];
        double x = centre - entries.Length * 60;
        foreach (var (name, colour, dashed) in entries)
        {
            g.Add(new XElement(Ns + "line", new XAttribute("x1", F(x)), new XAttribute("y1", F(y - 4)), new XAttribute("x2", F(x + 28)), new XAttribute("y2", F(y - 4)),
                new XAttribute("stroke", colour), new XAttribute("stroke-width", "2"), dashed ? new XAttribute("stroke-dasharray", "6 4") : null));
            g.Add(Text(x + 34, y, name, "start"));
            x += 120;
        }

        return g;
    }

    private static XElement Line(double x1, double y1, double x2, double y2) =>
        new(Ns + "line", new XAttribute("x1", F(x1)), new XAttribute("y1", F(y1)), new XAttribute("x2", F(x2)), new XAttribute("y2", F(y2)));
}
