namespace FluentNets.Zoo;

/// <summary>
/// torchvision's <c>Conv2dNormActivation</c> (<c>torchvision/ops/misc.py</c>), the unit of its MobileNets and
/// EfficientNets: a convolution without bias padded by (kernel - 1) / 2 on every side, BatchNorm and an optional
/// activation, named <c>{name}.0</c>, <c>{name}.1</c> and <c>{name}.2</c> as the sequence's modules; a convolution
/// with as many groups as channels is a depthwise one.
/// </summary>
public static class ConvNormActivation
{
    /// <summary>A <c>Conv2dNormActivation</c> named <paramref name="name"/>.</summary>
    /// <param name="x">The input.</param>
    /// <param name="name">torchvision's module name, e.g. <c>features.0</c> or <c>block.1</c>.</param>
    /// <param name="filters">Output channels (ignored by a depthwise convolution, which keeps the input's).</param>
    /// <param name="kernel">Kernel size.</param>
    /// <param name="activation">The activation module, or null for none (a projection).</param>
    /// <param name="stride">Stride.</param>
    /// <param name="depthwise">Whether the convolution has one group per channel.</param>
    /// <param name="eps">BatchNorm's eps.</param>
    /// <param name="momentum">BatchNorm's momentum in PyTorch's sense.</param>
    /// <exception cref="NetBuildException">The kernel does not fit, or an argument is out of range.</exception>
    public static Net<Image> ConvBnAct(
        this Net<Image> x, string name, int filters, int kernel, Activation? activation, int stride = 1, bool depthwise = false, double eps = 1e-5, double momentum = 0.1)
    {
        ArgumentNullException.ThrowIfNull(x);
        var pad = Padding.Explicit((kernel - 1) / 2);
        var y = (depthwise
                ? x.DepthwiseConv(kernel, s: stride, pad: pad, bias: false, name: $"{name}.0")
                : x.Conv(filters, kernel, s: stride, pad: pad, bias: false, name: $"{name}.0"))
            .TorchBatchNorm(eps, momentum, name: $"{name}.1");
        return activation is null ? y : y.Activate(activation, name: $"{name}.2");
    }
}
