namespace FluentNets;

/// <summary>Squeeze-and-excitation (Hu et al., https://arxiv.org/abs/1709.01507).</summary>
public static class SqueezeExciteExtensions
{
    /// <summary>
    /// Global average pool, Dense(C / ratio, ReLU), Dense(C, sigmoid), then each channel of x
    /// scaled by its weight (seed 001's SE block).
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="ratio">Reduction ratio r.</param>
    /// <param name="name">Block name; automatic (<c>se</c>, <c>se_1</c>...) when omitted.</param>
    /// <exception cref="NetBuildException">The ratio is not positive or leaves no units (C / r &lt; 1).</exception>
    public static Net<Image> SqueezeExcite(this Net<Image> x, int ratio = 16, string? name = null) =>
        x.AutoBlock("se", name, b =>
        {
            int channels = b.Shape.Channels;
            if (ratio <= 0 || channels / ratio < 1)
            {
                string path = $"{b.Scope}/reduce";
                throw new NetBuildException(path, [b.Shape], ratio <= 0
                    ? $"{path}: ratio must be positive. Received: ratio={ratio}."
                    : $"{path}: ratio {ratio} leaves no units for {channels} channels: {channels} / {ratio} < 1. Use a ratio between 1 and {channels}.");
            }

            var scale = b.GlobalAvgPool(name: "squeeze")
                .Dense(channels / ratio, activation: Activation.Relu, name: "reduce")
                .Dense(channels, activation: Activation.Sigmoid, name: "expand");
            return Net.Multiply(b, scale, name: "scale");
        });
}
