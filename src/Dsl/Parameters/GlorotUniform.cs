namespace FluentNets.Layers;

/// <summary>
/// Keras's default kernel initializer: uniform on [-limit, limit] with limit = sqrt(6 / (fan_in + fan_out)),
/// the fans as Keras's <c>compute_fans</c> reads the kernel in Keras's own layout (Glorot and Bengio,
/// https://proceedings.mlr.press/v9/glorot10a.html).
/// </summary>
/// <param name="FanIn">Inputs per output: receptive field size times input channels (per group).</param>
/// <param name="FanOut">Outputs per input: receptive field size times output channels.</param>
public sealed record GlorotUniform(long FanIn, long FanOut) : Initializer
{
    /// <summary>sqrt(6 / (fan_in + fan_out)).</summary>
    public double Limit => Math.Sqrt(6.0 / (FanIn + FanOut));
}
