using FluentNets.Layers;

namespace FluentNets.Summary;

/// <summary>One row of a summary: a layer, or a folded block with its totals.</summary>
/// <param name="Name">Layer or block name.</param>
/// <param name="Type">Keras class name, or <c>Block</c>.</param>
/// <param name="Shape">Output shape.</param>
/// <param name="Params">Parameters.</param>
/// <param name="Macs">Multiply-accumulates for one example.</param>
/// <param name="Inputs">Names of the rows feeding it.</param>
/// <param name="IsInput">True for the input layer.</param>
/// <param name="Frozen">True for a frozen layer, or a block whose layers are all frozen.</param>
public sealed record SummaryRow(string Name, string Type, Shape Shape, ParamCount Params, long Macs, IReadOnlyList<string> Inputs, bool IsInput, bool Frozen = false)
{
    /// <summary>The rows of an analysis, every layer (depth 0) or with top-level blocks folded (depth 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">depth is not 0 or 1.</exception>
    public static IReadOnlyList<SummaryRow> Of(Analysis.NetworkAnalysis analysis, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, 1);
        var layers = analysis.Layers.Select(r => new SummaryRow(
            r.Name, r.Type, r.Shape, r.Params, r.Macs, r.Node.Inputs.Select(i => i.Name).ToArray(), r.Node.Layer is InputLayer, r.Frozen)).ToList();
        if (depth == 0)
        {
            return layers;
        }

        static string Block(string name) => name.Contains('/') ? name[..name.IndexOf('/')] : name;
        var rows = new List<SummaryRow>();
        foreach (var group in layers.GroupBy(r => Block(r.Name)))
        {
            var members = group.ToList();
            if (members.Count == 1 && !members[0].Name.Contains('/'))
            {
                rows.Add(members[0] with { Inputs = members[0].Inputs.Select(Block).ToArray() });
                continue;
            }

            var inside = members.Select(m => m.Name).ToHashSet();
            rows.Add(new SummaryRow(
                group.Key,
                "Block",
                members[^1].Shape,
                members.Aggregate(ParamCount.Zero, (t, m) => t + m.Params),
                members.Sum(m => m.Macs),
                members.SelectMany(m => m.Inputs).Where(i => !inside.Contains(i)).Select(Block).Distinct().ToArray(),
                false,
                members.All(m => m.Frozen)));
        }

        return rows;
    }
}
