using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>AlexNet's local response normalisation across <see cref="Size"/> neighbouring channels (PyTorch's <c>LocalResponseNorm</c>).</summary>
/// <param name="Size">Channels in the window, odd or even.</param>
/// <param name="Alpha">Scale.</param>
/// <param name="Beta">Exponent.</param>
/// <param name="K">Additive constant.</param>
[Generates(typeof(LocalResponseNormalization))]
public sealed record LrnStage(int Size, double Alpha, double Beta, double K) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.Lrn(Size, Alpha, Beta, K);

    /// <inheritdoc />
    public override string ToString() => $".Lrn({Size}, {CSharp.Double(Alpha)}, {CSharp.Double(Beta)}, {CSharp.Double(K)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        scope.Layer(scope.Propose(null, "lrn"), input.ToShape());
        return input;
    }
}
