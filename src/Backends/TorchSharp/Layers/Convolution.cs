using FluentNets.Layers;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// A convolution with the DSL's window over tensors its layer's state holds: <c>weight</c>
/// (F, C/groups, Kh, Kw) and, when used, <c>bias</c> (F); asymmetric pads as an explicit zero pad. Conv2D,
/// DepthwiseConv2D (groups = C) and both steps of SeparableConv2D run it; the kernel check decides per
/// configuration whether it runs with oneDNN.
/// </summary>
internal sealed class Convolution
{
    private readonly Tensor weight;
    private readonly Tensor? bias;
    private readonly long[] stride;
    private readonly long[] dilation;
    private readonly long[] padding;
    private readonly long[]? explicitPad;
    private readonly long groups;
    private readonly bool stridedPointwise;
    private readonly ConvolutionConfiguration direct;
    private readonly ConvolutionConfiguration subsampled;

    /// <summary>A convolution over <paramref name="weight"/> and <paramref name="bias"/>.</summary>
    /// <param name="weight">The kernel, (F, C/groups, Kh, Kw).</param>
    /// <param name="bias">The bias, (F), or null.</param>
    /// <param name="window">Kernel, stride, dilation and the resolved pads.</param>
    /// <param name="groups">Channel groups.</param>
    /// <param name="inputSize">The input's rows and columns, before the window's pads.</param>
    public Convolution(Tensor weight, Tensor? bias, Window2D window, long groups, (long H, long W) inputSize)
    {
        this.weight = weight;
        this.bias = bias;
        stride = [window.Stride.H, window.Stride.W];
        dilation = [window.Dilation.H, window.Dilation.W];
        padding = Windows.SymmetricPadding(window) ?? [0, 0];
        explicitPad = window.IsSymmetric ? null : Windows.PadArgument(window);
        this.groups = groups;
        long[] shape = weight.shape;
        direct = new ConvolutionConfiguration(
            shape[1] * groups,
            inputSize.H + (explicitPad is null ? 0 : window.PadTop + window.PadBottom),
            inputSize.W + (explicitPad is null ? 0 : window.PadLeft + window.PadRight),
            shape[0], shape[2], shape[3], stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1], groups);
        stridedPointwise = shape[2] == 1 && shape[3] == 1 && (stride[0] > 1 || stride[1] > 1) && padding.All(p => p == 0) && explicitPad is null;
        subsampled = direct with
        {
            Height = (direct.Height + stride[0] - 1) / stride[0],
            Width = (direct.Width + stride[1] - 1) / stride[1],
            StrideHeight = 1,
            StrideWidth = 1,
        };
    }

    /// <summary>The <c>F.conv2d</c> call this convolution makes now, as <see cref="ConvolutionKernelCheck"/> checks it.</summary>
    public ConvolutionConfiguration Configuration => Subsampled ? subsampled : direct;

    /// <summary>Whether to switch oneDNN off around this convolution, which the kernel check found wrong with it.</summary>
    public bool AvoidOneDnn { get; set; }

    // A 1x1 strided convolution without padding, run as a subsample while the process asks for it.
    private bool Subsampled => stridedPointwise && LibTorchKernels.SubsampleStridedPointwise;

    /// <summary>The convolution of <paramref name="input"/>, with its bias.</summary>
    public Tensor Apply(Tensor input)
    {
        // The kernel check measured NCHW inputs: an input whose strides read otherwise is copied to them first.
        using var standard = StandardLayout.Holds(input) ? null : StandardLayout.Copy(input);
        input = standard ?? input;
        using var padded = explicitPad is null ? null : F.pad(input, explicitPad);
        if (Subsampled)
        {
            using var rows = input.slice(2, 0, input.shape[2], stride[0]);
            using var every = rows.slice(3, 0, input.shape[3], stride[1]);
            return AvoidOneDnn
                ? LibTorchKernels.WithoutOneDnn(() => F.conv2d(every, weight, bias, [1, 1], [0, 0], dilation, groups))
                : F.conv2d(every, weight, bias, [1, 1], [0, 0], dilation, groups);
        }

        var source = padded ?? input;
        return AvoidOneDnn
            ? LibTorchKernels.WithoutOneDnn(() => F.conv2d(source, weight, bias, stride, padding, dilation, groups))
            : F.conv2d(source, weight, bias, stride, padding, dilation, groups);
    }
}
