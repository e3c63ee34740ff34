using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>Concatenate: <c>torch.cat</c> along the channel axis, in forward().</summary>
internal sealed class ConcatenatePy : PyLayer<Concatenate>
{
    /// <inheritdoc />
    protected override string? Module(Concatenate spec, Node node) => null;

    /// <inheritdoc />
    protected override void Forward(Concatenate spec, PyForward forward) => forward.Assign($"torch.cat([{string.Join(", ", forward.Inputs)}], 1)");
}
