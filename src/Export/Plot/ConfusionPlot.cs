using System.Xml.Linq;
using FluentNets.Training;
using static FluentNets.Export.Plot.SvgText;

namespace FluentNets.Export.Plot;

/// <summary>
/// Draws a confusion matrix as a heat map, as scikit-learn's <c>ConfusionMatrixDisplay</c> does:
/// actual classes down the left, predicted classes along the bottom, each cell's count written in
/// it and its shade growing with the count. Every cell carries <c>data-actual</c>,
/// <c>data-predicted</c> and <c>data-count</c>, so a program can read the matrix back.
/// </summary>
public static class ConfusionPlot
{
    private const double Top = 56;
    private const double Right = 24;

    /// <summary>The matrix as a standalone SVG image, its accuracy in the title.</summary>
    /// <param name="matrix">The counts and the class names.</param>
    /// <param name="title">A title, e.g. the network and the data; the accuracy follows it.</param>
    public static string Plot(this ConfusionMatrix matrix, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.Classes;
        // Cells shrink with the class count so that 100 classes still fit a page; below 16 pixels
        // the counts are left to the cells' tooltips.
        double cell = Math.Clamp(480.0 / n, 6, 44);
        bool counts = cell >= 16;
        int longest = matrix.ClassNames.Max(c => c.Length);
        double left = 36 + Math.Min(longest, 24) * 7.2;
        double bottom = 40 + Math.Min(longest, 24) * 5.2;
        double width = left + n * cell + Right;
        double height = Top + n * cell + bottom;
        string heading = FormattableString.Invariant($"accuracy {matrix.Accuracy:F4} ({matrix.Correct} of {matrix.Count})");
        var root = Root(Math.Max(width, 320), height, title is null ? heading : $"{title}: {heading}");
        root.Add(Text(Math.Max(width, 320) / 2, 20, title ?? "confusion matrix", "middle", new XAttribute("font-size", "14"), new XAttribute("font-weight", "bold")));
        root.Add(Text(Math.Max(width, 320) / 2, 38, heading));

        int most = Math.Max(1, Enumerable.Range(0, n).SelectMany(a => Enumerable.Range(0, n).Select(p => matrix[a, p])).Max());
        var cells = new XElement(Ns + "g", new XAttribute("class", "cells"));
        for (int a = 0; a < n; a++)
        {
            for (int p = 0; p < n; p++)
            {
                int count = matrix[a, p];
                double shade = (double)count / most;
                double x = left + p * cell, y = Top + a * cell;
                var g = new XElement(Ns + "g", new XAttribute("class", "cell"),
                    new XAttribute("data-actual", a), new XAttribute("data-predicted", p), new XAttribute("data-count", count),
                    new XElement(Ns + "title", $"actual {matrix.ClassNames[a]}, predicted {matrix.ClassNames[p]}: {count}"),
                    new XElement(Ns + "rect", new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("width", F(cell)), new XAttribute("height", F(cell)),
                        new XAttribute("fill", Blue(shade)), new XAttribute("stroke", "#ffffff")));
                if (counts)
                {
                    g.Add(Text(x + cell / 2, y + cell / 2 + 4, count.ToString(System.Globalization.CultureInfo.InvariantCulture), "middle",
                        new XAttribute("fill", shade > 0.5 ? "white" : count == 0 ? "#bbbbbb" : "#222222"), new XAttribute("font-size", F(Math.Min(12, cell / 2.6)))));
                }

                cells.Add(g);
            }
        }

        var names = new XElement(Ns + "g", new XAttribute("class", "classes"), new XAttribute("fill", "#333"));
        for (int c = 0; c < n; c++)
        {
            string name = matrix.ClassNames[c].Length > 24 ? matrix.ClassNames[c][..23] + "…" : matrix.ClassNames[c];
            names.Add(Text(left - 6, Top + c * cell + cell / 2 + 4, name, "end", new XAttribute("class", "actual")));
            double bx = left + c * cell + cell / 2, by = Top + n * cell + 14;
            names.Add(longest <= 3
                ? Text(bx, by, name, "middle", new XAttribute("class", "predicted"))
                : Text(bx, by, name, "end", new XAttribute("class", "predicted"), new XAttribute("transform", $"rotate(-45 {F(bx)} {F(by)})")));
        }

        root.Add(cells, names,
            Text(12, Top + n * cell / 2, "actual", "middle", new XAttribute("transform", $"rotate(-90 12 {F(Top + n * cell / 2)})"), new XAttribute("font-weight", "bold")),
            Text(left + n * cell / 2, height - 10, "predicted", "middle", new XAttribute("font-weight", "bold")));
        return Document(root);
    }

    // White to matplotlib's "Blues" darkest (#08306b), linearly in RGB.
    private static string Blue(double shade)
    {
        static int Mix(int from, int to, double t) => (int)Math.Round(from + (to - from) * t);
        return $"#{Mix(247, 8, shade):x2}{Mix(251, 48, shade):x2}{Mix(255, 107, shade):x2}";
    }
}
