using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>PyTorch's <c>AdaptiveAvgPool2d</c>: the output size is fixed whatever the input's (AlexNet's and VGG's head).</summary>
/// <param name="OutputSize">Output height and width.</param>
[Generates(typeof(AdaptiveAveragePooling2D))]
public sealed record AdaptivePoolStage(Size2 OutputSize) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.AdaptiveAvgPool(OutputSize);

    /// <inheritdoc />
    public override string ToString() => $".AdaptiveAvgPool({CSharp.Size(OutputSize)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        var output = input with { Height = OutputSize.H, Width = OutputSize.W };
        scope.Layer(scope.Propose(null, "adaptive_average_pooling2d"), output.ToShape());
        return output;
    }
}
