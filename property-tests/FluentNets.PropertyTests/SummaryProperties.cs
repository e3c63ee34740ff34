using System.Globalization;
using System.Text.Json;
using FluentNets.Analysis;
using FluentNets.Summary;
using FsCheck.Xunit;

namespace FluentNets.PropertyTests;

/// <summary>
/// The summary's totals are the sums of its rows, in the text table at both depths and in the
/// JSON, and the JSON carries every field of the analysis back unchanged.
/// </summary>
[Properties(Arbitrary = new[] { typeof(Arbitraries) })]
public class SummaryProperties
{
    private static readonly string[] RootFields =
        ["name", "input", "outputs", "total_params", "trainable_params", "non_trainable_params", "macs", "inference_params", "inference_macs", "activation_bytes", "auxiliary", "layers"];

    private static readonly string[] LayerFields = ["name", "type", "output_shape", "params", "trainable_params", "trainable", "macs", "inputs", "receptive_field"];

    [Property]
    public void TableTotalsAreTheSumsOfItsRows(NetworkDescription description)
    {
        var analysis = description.Build().Analysis;

        foreach (int depth in new[] { 0, 1 })
        {
            var table = analysis.ToTable(depth);
            var lines = table.Split('\n');
            bool chain = SummaryTable.IsChain(analysis);
            var (start, end) = chain ? (55, 65) : (53, 65);
            int header = Array.FindIndex(lines, l => l.StartsWith('='));
            int totals = Array.FindIndex(lines, l => l.StartsWith("Total params: ", StringComparison.Ordinal));
            long rows = lines[(header + 1)..totals]
                .Where(l => l.Length >= end && !l.StartsWith('_') && !l.StartsWith('='))
                .Select(l => l[start..end].Trim())
                .Where(field => field.Length > 0)
                .Sum(field => long.Parse(field, CultureInfo.InvariantCulture));

            Assert.Equal(analysis.Params.Total, rows);
            Assert.Equal(analysis.Params.Total, Count(lines[totals], "Total params: "));
            Assert.Equal(analysis.Params.Trainable, Count(lines[totals + 1], "Trainable params: "));
            Assert.Equal(analysis.Params.NonTrainable, Count(lines[totals + 2], "Non-trainable params: "));
            Assert.Equal(analysis.Macs, Count(lines[totals + 3], "Total MACs: "));
            var folded = SummaryRow.Of(analysis, depth);
            Assert.Equal(analysis.Params, folded.Aggregate(Layers.ParamCount.Zero, (t, r) => t + r.Params));
            Assert.Equal(analysis.Macs, folded.Sum(r => r.Macs));
        }
    }

    [Property]
    public void JsonRoundTripsEveryFieldOfTheAnalysis(NetworkDescription description)
    {
        var network = description.Build();
        var analysis = network.Analysis;

        using var json = JsonDocument.Parse(analysis.ToJson());

        var root = json.RootElement;
        Assert.Equal(RootFields, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(network.Name, root.GetProperty("name").GetString());
        Assert.Equal(network.Input.Shape.Dims, Dims(root.GetProperty("input")));
        Assert.Equal(
            network.Outputs.Select(o => (o.Name, o.Node.Shape.Dims.ToArray())),
            root.GetProperty("outputs").EnumerateObject().Select(p => (p.Name, Dims(p.Value))));
        Assert.Equal(analysis.Params.Total, root.GetProperty("total_params").GetInt64());
        Assert.Equal(analysis.Params.Trainable, root.GetProperty("trainable_params").GetInt64());
        Assert.Equal(analysis.Params.NonTrainable, root.GetProperty("non_trainable_params").GetInt64());
        Assert.Equal(analysis.Macs, root.GetProperty("macs").GetInt64());
        Assert.Equal(analysis.InferenceParams.Total, root.GetProperty("inference_params").GetInt64());
        Assert.Equal(analysis.InferenceMacs, root.GetProperty("inference_macs").GetInt64());
        Assert.Equal(analysis.ActivationBytes, root.GetProperty("activation_bytes").GetInt64());
        Assert.Empty(root.GetProperty("auxiliary").EnumerateArray());
        var rows = root.GetProperty("layers").EnumerateArray().ToArray();
        Assert.Equal(analysis.Layers.Count, rows.Length);
        foreach (var (row, layer) in rows.Zip(analysis.Layers))
        {
            AssertRow(row, layer);
        }

        Assert.Equal(rows.Sum(r => r.GetProperty("params").GetInt64()), root.GetProperty("total_params").GetInt64());
        Assert.Equal(rows.Sum(r => r.GetProperty("trainable_params").GetInt64()), root.GetProperty("trainable_params").GetInt64());
        Assert.Equal(rows.Sum(r => r.GetProperty("macs").GetInt64()), root.GetProperty("macs").GetInt64());
        Assert.Equal(rows.Sum(r => Dims(r.GetProperty("output_shape")).Aggregate(1L, (n, d) => n * d) * sizeof(float)), root.GetProperty("activation_bytes").GetInt64());
        Assert.Equal(description.Expected().Trainable + description.Expected().NonTrainable, root.GetProperty("total_params").GetInt64());
    }

    private static void AssertRow(JsonElement row, LayerReport layer)
    {
        Assert.Equal(LayerFields, row.EnumerateObject().Select(p => p.Name));
        Assert.Equal(layer.Name, row.GetProperty("name").GetString());
        Assert.Equal(layer.Type, row.GetProperty("type").GetString());
        Assert.Equal(layer.Shape.Dims, Dims(row.GetProperty("output_shape")));
        Assert.Equal(layer.Params.Total, row.GetProperty("params").GetInt64());
        Assert.Equal(layer.Params.Trainable, row.GetProperty("trainable_params").GetInt64());
        Assert.Equal(layer.Macs, row.GetProperty("macs").GetInt64());
        Assert.Equal(layer.Node.Inputs.Select(i => i.Name), row.GetProperty("inputs").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(
            [layer.ReceptiveField.Rows.Size, layer.ReceptiveField.Cols.Size],
            row.GetProperty("receptive_field").EnumerateArray().Select(e => e.GetInt64()));
    }

    private static int[] Dims(JsonElement dims) => dims.EnumerateArray().Select(d => d.GetInt32()).ToArray();

    /// <summary>The count after <paramref name="label"/> in a totals line: <c>Total params: 1,234 (4.82 KB)</c>.</summary>
    private static long Count(string line, string label)
    {
        Assert.StartsWith(label, line, StringComparison.Ordinal);
        string number = line[label.Length..].Split(' ')[0];
        return long.Parse(number, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }
}
