using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>
/// Squeeze-and-excitation: global average pool, Dense(C / r, ReLU), Dense(C, sigmoid), and the
/// channels scaled by the result.
/// </summary>
/// <param name="Ratio">Reduction ratio r, between 1 and the channels.</param>
[Generates(typeof(GlobalPooling2D))]
[Generates(typeof(Dense))]
[Generates(typeof(Multiply))]
public sealed record SqueezeExciteStage(int Ratio) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.SqueezeExcite(Ratio);

    /// <inheritdoc />
    public override string ToString() => $".SqueezeExcite({Ratio})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        var block = scope.Block(null, "se");
        int c = input.Channels, units = c / Ratio;
        if (Ratio < 1 || units < 1)
        {
            return block.Fail(block.Named("reduce"), input);
        }

        block.Layer(block.Named("squeeze"), Shape.Vector(c));
        block.Layer(block.Named("reduce"), Shape.Vector(units), Oracle.DenseParams(c, units, bias: true), macs: Oracle.DenseMacs(c, units));
        block.Layer(block.Named("expand"), Shape.Vector(c), Oracle.DenseParams(units, c, bias: true), macs: Oracle.DenseMacs(units, c));
        block.Layer(block.Named("scale"), input.ToShape());
        return input;
    }
}
