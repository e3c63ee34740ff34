using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>Keras's <c>Dense</c> on an image: one kernel over the channels shared by every position.</summary>
/// <param name="Units">Output channels.</param>
/// <param name="Bias">Whether a bias is added.</param>
/// <param name="Activation">Fused activation.</param>
[Generates(typeof(Dense))]
public sealed record ImageDenseStage(int Units, bool Bias, Activation Activation) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.Dense(Units, bias: Bias, activation: Activation);

    /// <inheritdoc />
    public override string ToString() => $".Dense({Units}, bias: {CSharp.Bool(Bias)}, activation: {CSharp.Activation(Activation)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        var output = input with { Channels = Units };
        scope.Layer(
            scope.Propose(null, "dense"),
            output.ToShape(),
            Oracle.DenseParams(input.Channels, Units, Bias),
            macs: (long)input.Height * input.Width * Oracle.DenseMacs(input.Channels, Units));
        return output;
    }
}
