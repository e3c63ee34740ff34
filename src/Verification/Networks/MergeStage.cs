using System.Collections.Immutable;
using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>
/// Branches from one input, each a list of stages (an empty list is the input itself), joined by
/// <c>Net.Concat</c> or <c>Net.Add</c>.
/// </summary>
/// <param name="Kind">Concat or Add.</param>
/// <param name="Branches">The branches, in order.</param>
/// <param name="Name">Explicit name of the merge layer; automatic when null.</param>
[Generates(typeof(Concatenate))]
[Generates(typeof(Add))]
public sealed record MergeStage(MergeKind Kind, ImmutableArray<ImmutableArray<Stage>> Branches, string? Name = null) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x)
    {
        var outputs = Branches.Select(branch => AddAll(branch, x)).ToArray();
        return (Kind, Name) switch
        {
            (MergeKind.Concat, null) => Net.Concat(outputs),
            (MergeKind.Concat, _) => Net.Concat(Name, outputs),
            (_, null) => Net.Add(outputs),
            _ => Net.Add(Name, outputs),
        };
    }

    /// <inheritdoc />
    public override string ToString() =>
        $".Then(x => Net.{Kind}({(Name is null ? "" : $"\"{Name}\", ")}{string.Join(", ", Branches.Select(b => Chain("x", b)))}))";

    /// <summary>The same merge with <paramref name="stage"/> inserted into branch <paramref name="branch"/> at <paramref name="index"/>.</summary>
    public MergeStage Inserting(int branch, int index, Stage stage) =>
        this with { Branches = Branches.SetItem(branch, Branches[branch].Insert(index, stage)) };

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        var outputs = new List<ImageDims>();
        foreach (var branch in Branches)
        {
            outputs.Add(ExpectAll(branch, scope, input));
            if (scope.Failed)
            {
                return input;
            }
        }

        string name = scope.Propose(Name, Kind == MergeKind.Concat ? "concatenate" : "add");
        var first = outputs[0];
        bool fits = Kind == MergeKind.Concat
            ? outputs.All(o => o.Height == first.Height && o.Width == first.Width)
            : outputs.All(o => o == first);
        if (!fits)
        {
            return scope.Fail(name, input);
        }

        var output = Kind == MergeKind.Concat ? first with { Channels = outputs.Sum(o => o.Channels) } : first;
        scope.Layer(name, output.ToShape());
        return output;
    }
}
