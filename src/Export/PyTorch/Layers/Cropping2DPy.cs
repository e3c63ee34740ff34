using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>Cropping2D: a slice of the rows and columns that remain, in forward().</summary>
internal sealed class Cropping2DPy : PyLayer<Cropping2D>
{
    /// <inheritdoc />
    protected override string? Module(Cropping2D spec, Node node) => null;

    /// <inheritdoc />
    protected override void Forward(Cropping2D spec, PyForward forward)
    {
        var s = forward.Node.Shape;
        forward.Assign($"{forward.Inputs[0]}[:, :, {spec.Top}:{spec.Top + s.Height}, {spec.Left}:{spec.Left + s.Width}]");
    }
}
