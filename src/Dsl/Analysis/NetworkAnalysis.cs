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

    private static ReceptiveField Field(Node node, Dictionary<int, ReceptiveField> fields) =>
        node.Inputs.Length == 0
            ? node.Layer.Field(ReceptiveField.Input, node)
            : node.Layer.Field(ReceptiveField.Widest(node.Inputs.Select(i => fields[i.Id])), node);
}
