using System.Collections.Immutable;
using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>
/// x times a gate computed from x by <see cref="Gate"/>, through <c>Net.Multiply</c>: a gate of x's
/// shape, or a 1x1 map of x's channels that is broadcast over it (MobileNetV3's squeeze-and-excitation
/// with a keep-dims pool and 1x1 convolutions).
/// </summary>
/// <param name="Gate">The gate's stages.</param>
[Generates(typeof(Multiply))]
public sealed record GateStage(ImmutableArray<Stage> Gate) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => Net.Multiply(x, AddAll(Gate, x));

    /// <inheritdoc />
    public override string ToString() => $".Then(x => Net.Multiply(x, {Chain("x", Gate)}))";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        var gate = ExpectAll(Gate, scope, input);
        if (scope.Failed)
        {
            return input;
        }

        // Keras's broadcasting as the DSL allows it: equal shapes, or a 1x1 map of the other's channels.
        string name = scope.Propose(null, "multiply");
        var larger = (long)gate.Height * gate.Width > (long)input.Height * input.Width ? gate : input;
        var smaller = larger == gate ? input : gate;
        if (smaller != larger && !(smaller.Height == 1 && smaller.Width == 1 && smaller.Channels == larger.Channels))
        {
            return scope.Fail(name, input);
        }

        scope.Layer(name, larger.ToShape());
        return larger;
    }
}
