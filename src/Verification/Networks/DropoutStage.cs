using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>A <c>Dropout</c>, or stochastic depth (one draw per example): the identity in inference.</summary>
/// <param name="Rate">Fraction dropped while training.</param>
/// <param name="PerExample">Whether whole examples are dropped (<c>StochasticDepth</c>, Keras's <c>noise_shape=(None, 1, 1, 1)</c>).</param>
[Generates(typeof(Dropout))]
public sealed record DropoutStage(double Rate, bool PerExample = false) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => PerExample ? x.StochasticDepth(Rate) : x.Dropout(Rate);

    /// <inheritdoc />
    public override string ToString() => $".{(PerExample ? "StochasticDepth" : "Dropout")}({CSharp.Double(Rate)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        scope.Layer(scope.Propose(null, "dropout"), input.ToShape());
        return input;
    }
}
