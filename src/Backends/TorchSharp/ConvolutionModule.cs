using FluentNets.Layers;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using Parameter = TorchSharp.Modules.Parameter;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// A convolution with the DSL's window: parameters <c>weight</c> (F, C/groups, Kh, Kw) and, when
/// used, <c>bias</c> (F); asymmetric pads as an explicit zero pad; the fused activation after the bias.
/// Conv2D, DepthwiseConv2D (groups = C) and both steps of SeparableConv2D use it.
/// </summary>
internal sealed class ConvolutionModule : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter? bias;
    private readonly long[] stride;
    private readonly long[] dilation;
    private readonly long[] padding;
    private readonly long[]? explicitPad;
    private readonly long groups;
    private readonly Activation activation;

    /// <param name="name">The module's name.</param>
    /// <param name="weight">The kernel, (F, C/groups, Kh, Kw).</param>
    /// <param name="bias">The bias, (F), or null.</param>
    /// <param name="window">Kernel, stride, dilation and the resolved pads.</param>
    /// <param name="groups">Channel groups.</param>
    /// <param name="activation">Fused activation.</param>
    public ConvolutionModule(string name, Parameter weight, Parameter? bias, Window2D window, long groups, Activation activation)
        : base(name)
    {
        this.weight = weight;
        this.bias = bias;
        register_parameter("weight", weight);
        if (bias is not null)
        {
            register_parameter("bias", bias);
        }

        stride = [window.Stride.H, window.Stride.W];
        dilation = [window.Dilation.H, window.Dilation.W];
        padding = Windows.SymmetricPadding(window) ?? [0, 0];
        explicitPad = window.IsSymmetric ? null : Windows.PadArgument(window);
        this.groups = groups;
        this.activation = activation;
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => Activations.Apply(Linear(input), activation, disposeInput: true);

    /// <summary>The convolution and bias without the fused activation.</summary>
    public Tensor Linear(Tensor input)
    {
        using var padded = explicitPad is null ? null : F.pad(input, explicitPad);
        return F.conv2d(padded ?? input, weight, bias, stride, padding, dilation, groups);
    }
}
