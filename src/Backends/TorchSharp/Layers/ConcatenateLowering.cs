using FluentNets.Layers;
using static TorchSharp.torch;

namespace FluentNets.Backends.TorchSharp;

/// <summary>Concatenate along the channel axis.</summary>
internal sealed class ConcatenateLowering : LayerLowering<Concatenate>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(Concatenate spec, LoweringContext context) => Function(context, (x, _) => cat(x.ToArray(), 1));
}
