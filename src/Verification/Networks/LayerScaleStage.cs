using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>ConvNeXt's layer scale: x times a learned factor per channel, gamma (C).</summary>
/// <param name="InitialValue">gamma's initial value.</param>
[Generates(typeof(LayerScale))]
public sealed record LayerScaleStage(double InitialValue) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.LayerScale(InitialValue);

    /// <inheritdoc />
    public override string ToString() => $".LayerScale({CSharp.Double(InitialValue)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        scope.Layer(scope.Propose(null, "layer_scale"), input.ToShape(), trainable: input.Channels);
        return input;
    }
}
