namespace FluentNets.Verification;

/// <summary>A <c>Dropout</c>: the identity in inference.</summary>
/// <param name="Rate">Fraction dropped while training.</param>
public sealed record DropoutStage(double Rate) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.Dropout(Rate);

    /// <inheritdoc />
    public override string ToString() => $".Dropout({CSharp.Double(Rate)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        scope.Layer(scope.Propose(null, "dropout"), input.ToShape());
        return input;
    }
}
