namespace FluentNets.Zoo;

/// <summary>
/// torchvision's <c>SqueezeExcitation</c> (<c>torchvision/ops/misc.py</c>; Hu et al.,
/// https://arxiv.org/abs/1709.01507): the channels' means as a 1x1 map, two 1x1 convs with biases named
/// <c>fc1</c> and <c>fc2</c> as torchvision's, and the input scaled per channel.
/// </summary>
public static class TorchVisionSqueezeExcitation
{
    /// <summary>A <c>SqueezeExcitation</c> block named <paramref name="name"/>: avgpool, fc1, activation, fc2, scale_activation, then x times the scale.</summary>
    /// <param name="x">The input.</param>
    /// <param name="squeezeChannels">Outputs of <c>fc1</c>.</param>
    /// <param name="name">torchvision's module name, e.g. <c>f.se</c>.</param>
    /// <param name="activation">After <c>fc1</c>: ReLU when null, as torchvision's default.</param>
    /// <param name="scaleActivation">After <c>fc2</c>: the sigmoid when null, as torchvision's default.</param>
    /// <exception cref="NetBuildException">squeezeChannels is not positive, or the name is taken.</exception>
    public static Net<Image> TorchSqueezeExcitation(
        this Net<Image> x, int squeezeChannels, string name, Activation? activation = null, Activation? scaleActivation = null) =>
        x.Block(name, b =>
        {
            var scale = b.GlobalAvgPoolKeepDims(name: "avgpool")
                .Conv(squeezeChannels, 1, name: "fc1")
                .Activate(activation ?? Activation.Relu, name: "activation")
                .Conv(b.Shape.Channels, 1, name: "fc2")
                .Activate(scaleActivation ?? Activation.Sigmoid, name: "scale_activation");
            return Net.Multiply(b, scale);
        });
}
