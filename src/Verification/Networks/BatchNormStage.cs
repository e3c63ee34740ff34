using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>A <c>BatchNormalization</c>, with or without beta and gamma.</summary>
/// <param name="Center">Whether beta is learned.</param>
/// <param name="Scale">Whether gamma is learned.</param>
[Generates(typeof(BatchNormalization))]
public sealed record BatchNormStage(bool Center, bool Scale) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.BatchNorm(center: Center, scale: Scale);

    /// <inheritdoc />
    public override string ToString() => $".BatchNorm(center: {CSharp.Bool(Center)}, scale: {CSharp.Bool(Scale)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        var (trainable, nonTrainable) = Oracle.BatchNormParams(input.Channels, Center, Scale);
        scope.Layer(scope.Propose(null, "batch_normalization"), input.ToShape(), trainable, nonTrainable);
        return input;
    }
}
