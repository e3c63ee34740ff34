using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>Layer normalisation over the channels of each position (ConvNeXt's <c>LayerNorm2d</c>).</summary>
/// <param name="Epsilon">Added to the variance.</param>
/// <param name="Center">Whether beta is learned.</param>
/// <param name="Scale">Whether gamma is learned.</param>
[Generates(typeof(LayerNormalization))]
public sealed record LayerNormStage(double Epsilon, bool Center, bool Scale) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.LayerNorm(Epsilon, center: Center, scale: Scale);

    /// <inheritdoc />
    public override string ToString() => $".LayerNorm({CSharp.Double(Epsilon)}, center: {CSharp.Bool(Center)}, scale: {CSharp.Bool(Scale)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        scope.Layer(scope.Propose(null, "layer_normalization"), input.ToShape(), Oracle.LayerNormParams(input.Channels, Center, Scale));
        return input;
    }
}
