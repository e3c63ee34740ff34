using static TorchSharp.torch;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// torchvision's MobileNetV2 <c>InvertedResidual</c> (<c>torchvision/models/mobilenetv2.py</c>) in plain TorchSharp:
/// a 1x1 expansion with ReLU6 (none at ratio 1), the 3x3 depthwise convolution with ReLU6, the 1x1 projection
/// without bias and its BatchNorm, and the input added where the shape is kept.
/// </summary>
public sealed class HandInvertedResidual : HandBlock
{
    private readonly HandConvNormActivation? expand;
    private readonly HandConvNormActivation depthwise;
    private readonly HandConvNormActivation project;
    private readonly bool residual;

    /// <summary>Creates the block.</summary>
    /// <param name="name">torchvision's module name, e.g. <c>features.3</c>.</param>
    /// <param name="inputs">Input channels.</param>
    /// <param name="outputs">Output channels.</param>
    /// <param name="stride">The depthwise stride.</param>
    /// <param name="expansion">The expansion ratio.</param>
    public HandInvertedResidual(string name, long inputs, long outputs, long stride, long expansion)
        : base(name)
    {
        long hidden = inputs * expansion;
        if (expansion != 1)
        {
            expand = new HandConvNormActivation(inputs, hidden, 1, Relu6);
        }

        depthwise = new HandConvNormActivation(hidden, hidden, 3, Relu6, stride, groups: hidden);
        project = new HandConvNormActivation(hidden, outputs, 1, activation: null);
        residual = stride == 1 && inputs == outputs;
        RegisterComponents();
    }

    /// <summary>
    /// ReLU6 as <c>clamp(x, 0, 6)</c>, into a new tensor: TorchSharp's <c>hardtanh</c> is avoided here as in the
    /// backend, which computes ReLU6 with clamp too.
    /// </summary>
    public static Tensor Relu6(Tensor x) => x.clamp(0, 6);

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var expanded = expand is null ? input.alias() : expand.call(input);
        using var spatial = depthwise.call(expanded);
        var projected = project.call(spatial);
        if (!residual)
        {
            return projected;
        }

        using (projected)
        {
            return projected.add(input);
        }
    }

    /// <summary>
    /// The block's tensors under FluentNets' names: the sequence <c>conv</c> numbers the expansion and the depthwise
    /// unit as <c>conv.0</c> (<c>conv.0.0.weight</c>, <c>conv.0.1.running_var</c>), then the projection's convolution
    /// and its BatchNorm each on their own (<c>conv.2.weight</c>, <c>conv.3.weight</c>).
    /// </summary>
    public override IEnumerable<(string Name, Tensor Target, Func<Tensor, Tensor>? Convert)> Targets()
    {
        HandConvNormActivation[] units = expand is null ? [depthwise] : [expand, depthwise];
        return
        [
            .. units.SelectMany((unit, i) => unit.Targets($"{name}/conv.{i}")),
            .. project.Targets($"{name}/conv.{units.Length}", $"{name}/conv.{units.Length + 1}"),
        ];
    }
}
