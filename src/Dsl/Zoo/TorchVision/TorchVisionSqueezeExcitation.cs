namespace FluentNets.Zoo;

/// <summary>
/// torchvision's <c>SqueezeExcitation</c> (<c>torchvision/ops/misc.py</c>) of MobileNetV3 and EfficientNet: the
/// input's channels averaged to a 1x1 map (<c>avgpool</c>), 1x1 convolutions with bias <c>fc1</c> to the squeeze
/// channels with <c>activation</c> and <c>fc2</c> back with <c>scale_activation</c>, and the input scaled channel by
/// channel.
/// </summary>
public static class TorchVisionSqueezeExcitation
{
    /// <summary>A <c>SqueezeExcitation</c> module named <paramref name="name"/>.</summary>
    /// <param name="x">The input.</param>
    /// <param name="name">torchvision's module name, e.g. <c>block.2</c>.</param>
    /// <param name="squeeze">Channels of <c>fc1</c>.</param>
    /// <param name="activation">After <c>fc1</c>: ReLU in MobileNetV3, SiLU in EfficientNet.</param>
    /// <param name="scale">After <c>fc2</c>: hard-sigmoid in MobileNetV3, sigmoid in EfficientNet.</param>
    /// <exception cref="NetBuildException">squeeze is not positive.</exception>
    public static Net<Image> SqueezeExcitation(this Net<Image> x, string name, int squeeze, Activation activation, Activation scale)
    {
        ArgumentNullException.ThrowIfNull(x);
        var factor = x.GlobalAvgPoolKeepDims(name: $"{name}.avgpool")
            .Conv(squeeze, 1, name: $"{name}.fc1")
            .Activate(activation, name: $"{name}.activation")
            .Conv(x.Shape.Channels, 1, name: $"{name}.fc2")
            .Activate(scale, name: $"{name}.scale_activation");
        return Net.Multiply($"{name}.scale", factor, x);
    }
}
