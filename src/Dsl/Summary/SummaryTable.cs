using System.Globalization;
using System.Text;
using FluentNets.Analysis;

namespace FluentNets.Summary;

/// <summary>
/// Renders an analysis the way Keras's <c>model.summary()</c> does: the 65-column table of a
/// chain, or the 98-column table with "Connected to" for a graph, fields cut to their columns,
/// then the totals (with sizes) and the MACs. Unlike Keras, a parameter count is never cut: where
/// one needs more than its column, the column widens and the table with it. Once a layer is frozen,
/// a last "Trainable" column says Y or N per row, as Keras's <c>show_trainable=True</c> does.
/// </summary>
public static class SummaryTable
{
    /// <summary>
    /// The most elements one example's output of a layer may have for a backend to hold it:
    /// <see cref="Array.MaxLength"/>, the longest .NET array, which both backends copy tensors through.
    /// </summary>
    public const long MaxTensorElements = 0x7FFFFFC7;

    /// <summary>The text table.</summary>
    public static string Render(NetworkAnalysis analysis, int depth = 0)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var rows = SummaryRow.Of(analysis, depth);
        bool chain = IsChain(analysis);
        int[] positions = chain ? [29, 55, 65] : [32, 53, 65, 98];
        // The parameter column ends at positions[2], one character of it a separator.
        int countWidth = rows.Select(r => r.Params.Total.ToString(CultureInfo.InvariantCulture).Length).DefaultIfEmpty(0).Max() + 1;
        int widen = Math.Max(0, countWidth - (positions[2] - positions[1]));
        for (int i = 2; i < positions.Length; i++)
        {
            positions[i] += widen;
        }

        int length = positions[^1];
        string[] header = chain ? ["Layer (type)", "Output Shape", "Param #"] : ["Layer (type)", "Output Shape", "Param #", "Connected to"];

        // Keras's show_trainable: once a layer is frozen, an 11-column "Trainable" field says Y or N per row.
        bool trainable = rows.Any(r => r.Frozen);
        if (trainable)
        {
            length += 11;
            positions = [.. positions, length];
            header = [.. header, "Trainable"];
        }

        var text = new StringBuilder();
        text.Append("Model: \"").Append(analysis.Network.Name).Append("\"\n");
        text.Append('_', length).Append('\n');
        text.Append(Row(header, positions)).Append('\n');
        text.Append('=', length).Append('\n');
        var shown = chain ? rows.Where(r => !r.IsInput).ToList() : rows.ToList();
        for (int i = 0; i < shown.Count; i++)
        {
            var r = shown[i];
            string shape = r.IsInput ? $"[{r.Shape.ToKeras()}]" : r.Shape.ToKeras();
            string name = $"{r.Name} ({r.Type})";
            string count = r.Params.Total.ToString(CultureInfo.InvariantCulture);
            string[] flag = trainable ? [r.Frozen ? "N" : "Y"] : [];
            string[] blank = trainable ? [""] : [];
            if (chain)
            {
                text.Append(Row([name, shape, count, .. flag], positions)).Append('\n');
            }
            else
            {
                var links = r.Inputs.Select(n => $"{n}[0][0]").ToList();
                text.Append(Row([name, shape, count, links.FirstOrDefault() ?? "", .. flag], positions)).Append('\n');
                foreach (var link in links.Skip(1))
                {
                    text.Append(Row(["", "", "", link, .. blank], positions)).Append('\n');
                }
            }

            text.Append(i == shown.Count - 1 ? '=' : '_', length).Append('\n');
        }

        AppendTotals(text, analysis);
        text.Append('_', length).Append('\n');
        return text.ToString();
    }

    /// <summary>The summary as a Markdown table, MACs included.</summary>
    public static string RenderMarkdown(NetworkAnalysis analysis, int depth = 0)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var text = new StringBuilder();
        text.Append("### ").Append(analysis.Network.Name).Append("\n\n");
        var rows = SummaryRow.Of(analysis, depth);
        bool trainable = rows.Any(r => r.Frozen);
        text.Append(trainable
            ? "| Layer (type) | Output Shape | Param # | MACs | Connected to | Trainable |\n|---|---|---:|---:|---|---|\n"
            : "| Layer (type) | Output Shape | Param # | MACs | Connected to |\n|---|---|---:|---:|---|\n");
        foreach (var r in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {r.Name} ({r.Type}) | {r.Shape.ToKeras()} | {r.Params.Total:N0} | {r.Macs:N0} | {string.Join(", ", r.Inputs)} |");
            text.Append(trainable ? (r.Frozen ? " N |\n" : " Y |\n") : "\n");
        }

        text.Append('\n');
        AppendTotals(text, analysis, bullet: "- ");
        return text.ToString();
    }

    /// <summary>Whether the network is a plain chain that Keras would print as a Sequential model.</summary>
    public static bool IsChain(NetworkAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var nodes = analysis.Network.Nodes;
        var consumers = nodes.SelectMany(n => n.Inputs).GroupBy(n => n.Id);
        return analysis.Network.Auxiliary.Count == 0 && nodes.All(n => n.Inputs.Length <= 1) && consumers.All(g => g.Count() == 1);
    }

    /// <summary>Bytes as Keras 3 prints them: <c>241.04 KB</c>, <c>527.79 MB</c>.</summary>
    public static string Size(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value:0.00} {units[unit]}");
    }

    private static void AppendTotals(StringBuilder text, NetworkAnalysis a, string bullet = "")
    {
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"{bullet}Total params: {a.Params.Total:N0} ({Size(a.Params.Total * sizeof(float))})\n");
        text.Append(inv, $"{bullet}Trainable params: {a.Params.Trainable:N0} ({Size(a.Params.Trainable * sizeof(float))})\n");
        text.Append(inv, $"{bullet}Non-trainable params: {a.Params.NonTrainable:N0} ({Size(a.Params.NonTrainable * sizeof(float))})\n");
        text.Append(inv, $"{bullet}Total MACs: {a.Macs:N0}\n");
        text.Append(inv, $"{bullet}Activation memory per example: {Size(a.ActivationBytes)}\n");
        var largest = a.Network.Nodes.MaxBy(n => n.Shape.Elements);
        if (largest is not null && largest.Shape.Elements > MaxTensorElements)
        {
            text.Append(inv, $"{bullet}Too large to run: {largest.Name} outputs {largest.Shape.Elements:N0} elements per example ({largest.Shape.ToKeras()}), ");
            text.Append(inv, $"above the {MaxTensorElements:N0} one tensor can hold\n");
        }
        if (a.Network.Auxiliary.Count > 0)
        {
            text.Append(inv, $"{bullet}Without auxiliary heads ({string.Join(", ", a.Network.Auxiliary.Select(x => x.Name))}): ");
            text.Append(inv, $"{a.InferenceParams.Total:N0} params ({a.InferenceParams.NonTrainable:N0} non-trainable), {a.InferenceMacs:N0} MACs\n");
        }
    }

    /// <summary>Keras's print_row: each field cut so the line ends at its column, the last cut character made a space.</summary>
    private static string Row(IReadOnlyList<string> fields, int[] positions)
    {
        var line = new StringBuilder();
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                line.Length--;
                line.Append(' ');
            }

            line.Append(fields[i]);
            if (line.Length > positions[i])
            {
                line.Length = positions[i];
            }

            line.Append(' ', positions[i] - line.Length);
        }

        return line.ToString();
    }
}
