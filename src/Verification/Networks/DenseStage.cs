namespace FluentNets.Verification;

/// <summary>A <c>Dense</c> layer on an image: the same units at every position, acting on the channels as Keras's Dense acts on the last axis.</summary>
/// <param name="Units">Output channels.</param>
/// <param name="Bias">Whether a bias is added.</param>
/// <param name="Activation">Fused activation.</param>
public sealed record DenseStage(int Units, bool Bias, Activation Activation) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.Dense(Units, bias: Bias, activation: Activation);

    /// <inheritdoc />
    public override string ToString() => $".Dense({Units}, bias: {CSharp.Bool(Bias)}, activation: {CSharp.Activation(Activation)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        scope.Layer(
            scope.Propose(null, "dense"),
            Shape.Image(input.Height, input.Width, Units),
            Oracle.DenseParams(input.Channels, Units, Bias),
            macs: (long)input.Height * input.Width * Oracle.DenseMacs(input.Channels, Units));
        return new ImageDims(input.Height, input.Width, Units);
    }
}
