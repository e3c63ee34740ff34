using static TorchSharp.torch;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// torchvision's EfficientNet <c>MBConv</c> (<c>torchvision/models/efficientnet.py</c>) in plain TorchSharp: a 1x1
/// expansion with SiLU (none at ratio 1), the depthwise convolution with SiLU, squeeze-excitation to a quarter of the
/// block's input channels, the linear 1x1 projection, and where the shape is kept stochastic depth and the input added.
/// </summary>
public sealed class HandMBConv : HandBlock
{
    private readonly HandConvNormActivation? expand;
    private readonly HandConvNormActivation depthwise;
    private readonly HandSqueezeExcitation squeezeExcitation;
    private readonly HandConvNormActivation project;
    private readonly bool residual;
    private readonly double stochasticDepth;

    /// <summary>Creates the block.</summary>
    /// <param name="name">torchvision's module name, e.g. <c>features.2.1</c>.</param>
    /// <param name="inputs">Input channels.</param>
    /// <param name="outputs">Output channels.</param>
    /// <param name="expandRatio">The expansion ratio; B0's channels times it are already multiples of 8.</param>
    /// <param name="kernel">The depthwise kernel size.</param>
    /// <param name="stride">The depthwise stride.</param>
    /// <param name="stochasticDepth">The probability with which training drops the block's branch per example.</param>
    public HandMBConv(string name, long inputs, long outputs, long expandRatio, long kernel, long stride, double stochasticDepth)
        : base(name)
    {
        long expanded = inputs * expandRatio;
        if (expanded != inputs)
        {
            expand = new HandConvNormActivation(inputs, expanded, 1, HandEfficientNetB0.Silu);
        }

        depthwise = new HandConvNormActivation(expanded, expanded, kernel, HandEfficientNetB0.Silu, stride, groups: expanded);
        squeezeExcitation = new HandSqueezeExcitation(expanded, Math.Max(1, inputs / 4));
        project = new HandConvNormActivation(expanded, outputs, 1, activation: null);
        residual = stride == 1 && inputs == outputs;
        this.stochasticDepth = stochasticDepth;
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var expanded = expand is null ? input.alias() : expand.call(input);
        using var spatial = depthwise.call(expanded);
        using var excited = squeezeExcitation.call(spatial);
        var projected = project.call(excited);
        if (!residual)
        {
            return projected;
        }

        using (projected)
        {
            using var dropped = HandStochasticDepth.Row(projected, stochasticDepth, training);
            return dropped.add(input);
        }
    }

    /// <summary>
    /// The block's tensors under FluentNets' names, the sequence <c>block</c> numbered from the expansion, where
    /// there is one, to the projection: <c>block.0.0.weight</c>, ..., <c>block.2/fc1.weight</c> (squeeze-excitation
    /// is a block of its own in FluentNets), ..., <c>block.3.1.running_var</c>.
    /// </summary>
    public override IEnumerable<(string Name, Tensor Target, Func<Tensor, Tensor>? Convert)> Targets()
    {
        int first = expand is null ? 0 : 1;
        return
        [
            .. expand?.Targets($"{name}/block.0") ?? [],
            .. depthwise.Targets($"{name}/block.{first}"),
            .. squeezeExcitation.Targets($"{name}/block.{first + 1}"),
            .. project.Targets($"{name}/block.{first + 2}"),
        ];
    }
}
