using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Analysis;

/// <summary>
/// Per-layer and total parameters, MACs, activation memory and receptive fields of a network,
/// with and without its auxiliary heads.
/// </summary>
public sealed class NetworkAnalysis
{
    internal NetworkAnalysis(Network network)
    {
        Network = network;
        var inference = network.InferenceNodes.Select(n => n.Id).ToHashSet();
        var fields = new Dictionary<int, ReceptiveField>();
        Layers = network.Nodes.Select(node =>
        {
            var field = Field(node, fields);
            fields[node.Id] = field;
            return new LayerReport(node, field, inference.Contains(node.Id), network.IsFrozen(node));
        }).ToArray();
        Params = Sum(Layers, r => r.Params);
        InferenceParams = Sum(Layers.Where(r => r.InInference), r => r.Params);
        Macs = Layers.Sum(r => r.Macs);
        InferenceMacs = Layers.Where(r => r.InInference).Sum(r => r.Macs);
        ActivationBytes = Layers.Sum(r => r.ActivationBytes);
    }

    /// <summary>The analysed network.</summary>
    public Network Network { get; }

    /// <summary>Every layer, auxiliary heads included, in topological order.</summary>
    public IReadOnlyList<LayerReport> Layers { get; }

    /// <summary>Parameters of the whole training graph, auxiliary heads included.</summary>
    public ParamCount Params { get; }

    /// <summary>Parameters of the inference graph (without auxiliary heads).</summary>
    public ParamCount InferenceParams { get; }

    /// <summary>MACs for one example through the whole training graph.</summary>
    public long Macs { get; }

    /// <summary>MACs for one example through the inference graph.</summary>
    public long InferenceMacs { get; }

    /// <summary>Bytes of every layer's float32 output for one example.</summary>
    public long ActivationBytes { get; }

    /// <summary>The report for a layer by its full name.</summary>
    /// <exception cref="KeyNotFoundException">No layer has that name.</exception>
    public LayerReport this[string name] =>
        Layers.FirstOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"No layer named '{name}' in {Network.Name}.");

    /// <summary>The Keras-style text table.</summary>
    /// <param name="depth">0 for every layer; 1 folds each top-level block into one row.</param>
    public string ToTable(int depth = 0) => Summary.SummaryTable.Render(this, depth);

    /// <summary>The summary as a Markdown table.</summary>
    /// <param name="depth">0 for every layer; 1 folds each top-level block into one row.</param>
    public string ToMarkdown(int depth = 0) => Summary.SummaryTable.RenderMarkdown(this, depth);

    /// <summary>The summary as JSON: name, input, outputs, totals and layers, shapes in (H, W, C).</summary>
    public string ToJson() => Summary.SummaryJson.Render(this);

    private static ParamCount Sum(IEnumerable<LayerReport> rows, Func<LayerReport, ParamCount> select) =>
        rows.Aggregate(ParamCount.Zero, (total, r) => total + select(r));

    private static ReceptiveField Field(Node node, Dictionary<int, ReceptiveField> fields)
    {
        if (node.Inputs.Length == 0)
        {
            return ReceptiveField.Input;
        }

        var input = ReceptiveField.Widest(node.Inputs.Select(i => fields[i.Id]));
        if (node.Window is { } w)
        {
            var k = w.EffectiveKernel;
            return new ReceptiveField(input.Rows.Through(k.H, w.Stride.H, w.PadTop), input.Cols.Through(k.W, w.Stride.W, w.PadLeft));
        }

        if (node.Layer is ZeroPadding2D pad)
        {
            return new ReceptiveField(input.Rows.Through(1, 1, pad.Top), input.Cols.Through(1, 1, pad.Left));
        }

        var source = node.Inputs[0].Shape;
        if (node.Layer is AdaptiveAveragePooling2D adaptive)
        {
            // Exact when the output divides the input (bins of N / O cells, N / O apart); otherwise
            // the widest bin, and the bins' mean spacing rounded down.
            return new ReceptiveField(
                input.Rows.Through(WidestBin(source.Height, adaptive.OutputSize.H), Math.Max(source.Height / adaptive.OutputSize.H, 1), 0),
                input.Cols.Through(WidestBin(source.Width, adaptive.OutputSize.W), Math.Max(source.Width / adaptive.OutputSize.W, 1), 0));
        }

        if (node.Layer is FluentNets.Layers.Flatten or GlobalPooling2D && source.IsImage)
        {
            // Every output sees the whole input map.
            return new ReceptiveField(input.Rows.Through(source.Height, source.Height, 0), input.Cols.Through(source.Width, source.Width, 0));
        }

        return input;
    }

    private static int WidestBin(int n, int output) => Enumerable.Range(0, output).Max(i =>
    {
        var (start, end) = ShapeRules.AdaptiveBin(i, n, output);
        return end - start;
    });
}
