using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>Dropout: <c>nn.Dropout</c>, or per example model.py's <c>StochasticDepth</c> (torchvision's <c>mode="row"</c>).</summary>
internal sealed class DropoutPy : PyLayer<Dropout>
{
    /// <inheritdoc />
    protected override string? Module(Dropout spec, Node node) =>
        spec.PerExample ? $"StochasticDepth({ModelPy.Number(spec.Rate)})" : $"nn.Dropout({ModelPy.Number(spec.Rate)})";
}
