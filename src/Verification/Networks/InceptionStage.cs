using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>
/// GoogLeNet's Inception module: 1x1; 1x1 then 3x3; 1x1 then 5x5; 3x3 max pool then 1x1, all
/// SAME with ReLU, concatenated.
/// </summary>
/// <param name="C1x1">Filters of the 1x1 branch.</param>
/// <param name="Reduce3x3">Filters of the 3x3 branch's reduction.</param>
/// <param name="Filters3x3">Filters of the 3x3 convolution.</param>
/// <param name="Reduce5x5">Filters of the 5x5 branch's reduction.</param>
/// <param name="Filters5x5">Filters of the 5x5 convolution.</param>
/// <param name="PoolProjection">Filters of the projection after the pool.</param>
[Generates(typeof(Conv2D))]
[Generates(typeof(Pooling2D))]
[Generates(typeof(Concatenate))]
public sealed record InceptionStage(int C1x1, int Reduce3x3, int Filters3x3, int Reduce5x5, int Filters5x5, int PoolProjection) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.Inception(C1x1, (Reduce3x3, Filters3x3), (Reduce5x5, Filters5x5), PoolProjection);

    /// <inheritdoc />
    public override string ToString() => $".Inception({C1x1}, ({Reduce3x3}, {Filters3x3}), ({Reduce5x5}, {Filters5x5}), {PoolProjection})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        var block = scope.Block(null, "inception");
        int h = input.Height, w = input.Width, c = input.Channels;
        void Conv(string name, int inputs, int filters, int kernel) => block.Layer(
            block.Named(name),
            Shape.Image(h, w, filters),
            Oracle.ConvParams(kernel, inputs, 1, filters, bias: true),
            macs: Oracle.ConvMacs(h, w, filters, kernel, inputs, 1));

        Conv("1x1", c, C1x1, 1);
        Conv("3x3_reduce", c, Reduce3x3, 1);
        Conv("3x3", Reduce3x3, Filters3x3, 3);
        Conv("5x5_reduce", c, Reduce5x5, 1);
        Conv("5x5", Reduce5x5, Filters5x5, 5);
        block.Layer(block.Named("pool"), input.ToShape());
        Conv("pool_proj", c, PoolProjection, 1);
        var output = input with { Channels = C1x1 + Filters3x3 + Filters5x5 + PoolProjection };
        block.Layer(block.Named("output"), output.ToShape());
        return output;
    }
}
