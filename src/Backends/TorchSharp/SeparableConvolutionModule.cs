using FluentNets.Layers;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// Keras's SeparableConv2D: submodules <c>depthwise</c> (weight (C·M, 1, Kh, Kw), groups C, the
/// window's stride, dilation and pads) and <c>pointwise</c> (weight (F, C·M, 1, 1)), neither with a
/// bias; then one <c>bias</c> (F) and the fused activation.
/// </summary>
internal sealed class SeparableConvolutionModule : nn.Module<Tensor, Tensor>
{
    private readonly ConvolutionModule depthwise;
    private readonly ConvolutionModule pointwise;
    private readonly Parameter? bias;
    private readonly Activation activation;

    public SeparableConvolutionModule(string name, ConvolutionModule depthwise, ConvolutionModule pointwise, Parameter? bias, Activation activation)
        : base(name)
    {
        this.depthwise = depthwise;
        this.pointwise = pointwise;
        this.bias = bias;
        this.activation = activation;
        register_module("depthwise", depthwise);
        register_module("pointwise", pointwise);
        if (bias is not null)
        {
            register_parameter("bias", bias);
        }
    }

    /// <summary>A 1x1 window with no padding, the pointwise step's.</summary>
    public static Window2D PointwiseWindow { get; } = new(new Size2(1, 1), new Size2(1, 1), new Size2(1, 1), 0, 0, 0, 0);

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => Activations.Apply(Linear(input), activation, disposeInput: true);

    /// <summary>Depthwise, pointwise and bias, without the fused activation.</summary>
    public Tensor Linear(Tensor input)
    {
        using var spatial = depthwise.call(input);
        var mixed = pointwise.call(spatial);
        if (bias is not null)
        {
            using var unbiased = mixed;
            using var column = bias.view(1, -1, 1, 1);
            mixed = unbiased.add(column);
        }

        return mixed;
    }
}
