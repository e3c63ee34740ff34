using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>Keras's global pooling with <c>keepdims=True</c>: the mean or maximum of each channel as a 1x1 map.</summary>
/// <param name="Kind">Max or average.</param>
[Generates(typeof(GlobalPooling2D))]
public sealed record GlobalPoolStage(PoolKind Kind) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => Kind == PoolKind.Max ? x.GlobalMaxPoolKeepDims() : x.GlobalAvgPoolKeepDims();

    /// <inheritdoc />
    public override string ToString() => Kind == PoolKind.Max ? ".GlobalMaxPoolKeepDims()" : ".GlobalAvgPoolKeepDims()";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        var output = new ImageDims(1, 1, input.Channels);
        scope.Layer(scope.Propose(null, Kind == PoolKind.Max ? "global_max_pooling2d" : "global_average_pooling2d"), output.ToShape());
        return output;
    }
}
