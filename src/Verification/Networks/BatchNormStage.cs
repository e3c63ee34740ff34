using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>A <c>BatchNormalization</c>, with or without beta and gamma, with Keras's epsilon and momentum unless given.</summary>
/// <param name="Center">Whether beta is learned.</param>
/// <param name="Scale">Whether gamma is learned.</param>
/// <param name="Epsilon">Added to the variance (Keras's 1e-3, PyTorch's 1e-5, ...).</param>
/// <param name="Momentum">Keras momentum of the moving statistics.</param>
[Generates(typeof(BatchNormalization))]
public sealed record BatchNormStage(bool Center, bool Scale, double Epsilon = 1e-3, double Momentum = 0.99) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.BatchNorm(Momentum, Epsilon, center: Center, scale: Scale);

    /// <inheritdoc />
    public override string ToString() => Epsilon == 1e-3 && Momentum == 0.99
        ? $".BatchNorm(center: {CSharp.Bool(Center)}, scale: {CSharp.Bool(Scale)})"
        : $".BatchNorm({CSharp.Exact(Momentum)}, {CSharp.Exact(Epsilon)}, center: {CSharp.Bool(Center)}, scale: {CSharp.Bool(Scale)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        var (trainable, nonTrainable) = Oracle.BatchNormParams(input.Channels, Center, Scale);
        scope.Layer(scope.Propose(null, "batch_normalization"), input.ToShape(), trainable, nonTrainable);
        return input;
    }
}
