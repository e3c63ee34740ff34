namespace FluentNets.Zoo;

/// <summary>
/// torchvision's <c>BasicConv2d</c> of GoogLeNet and Inception-v3: a conv without bias, BatchNorm with
/// eps 0.001 and a ReLU, named <c>name.conv</c> and <c>name.bn</c> as torchvision's submodules.
/// </summary>
public static class BasicConv2d
{
    /// <summary>A <c>BasicConv2d</c> named <paramref name="name"/>.</summary>
    /// <param name="x">The input.</param>
    /// <param name="name">torchvision's module name, e.g. <c>conv1</c> or <c>branch2.0</c>.</param>
    /// <param name="filters">Output channels.</param>
    /// <param name="kernel">Kernel size.</param>
    /// <param name="s">Stride, 1 by default.</param>
    /// <param name="pad">Padding, none by default.</param>
    /// <exception cref="NetBuildException">The kernel does not fit.</exception>
    public static Net<Image> BasicConv(this Net<Image> x, string name, int filters, Size2 kernel, Size2? s = null, Padding? pad = null) =>
        x.Conv(filters, kernel, s: s, pad: pad, bias: false, name: $"{name}.conv")
            .TorchBatchNorm(eps: 0.001, name: $"{name}.bn")
            .Relu(name: $"{name}.relu");
}
