using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>The order in which <see cref="Flatten"/> lays an image's values out in the vector.</summary>
public enum FlattenOrder
{
    /// <summary>Keras's channels-last order: feature (h W + w) C + c.</summary>
    HeightWidthChannels,

    /// <summary>PyTorch's <c>torch.flatten</c> of an NCHW tensor: feature (c H + h) W + w.</summary>
    ChannelsHeightWidth,
}

/// <summary>Flattens an image to a vector, in (H, W, C) order as Keras does unless told PyTorch's (C, H, W).</summary>
/// <param name="Order">The layout of the features; a Dense weight read after it expects this order.</param>
public sealed record Flatten(FlattenOrder Order = FlattenOrder.HeightWidthChannels) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "Flatten";

    /// <inheritdoc />
    public override string NamePrefix => "flatten";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        context.Require(Enum.IsDefined(Order), $"order must be a FlattenOrder. Received: order={Order}.");
        long n = context.Input.Elements;
        if (n > int.MaxValue)
        {
            throw context.Fail($"flattening {context.Input} gives {n:N0} features, more than {int.MaxValue:N0}.");
        }

        return new LayerOutput(Shape.Vector((int)n));
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input.Covering(node.Inputs[0].Shape);
}
