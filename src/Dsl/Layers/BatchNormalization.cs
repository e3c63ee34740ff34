using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>
/// Batch normalisation over channels with Keras's semantics: trainable gamma (when
/// <see cref="Scale"/>) and beta (when <see cref="Center"/>), and the non-trainable moving mean
/// and variance.
/// </summary>
/// <param name="Momentum">Keras momentum of the moving statistics (0.99 by default; PyTorch's is 1 - this).</param>
/// <param name="Epsilon">Added to the variance (Keras default 1e-3).</param>
/// <param name="Center">Whether beta is learned.</param>
/// <param name="Scale">Whether gamma is learned.</param>
public sealed record BatchNormalization(double Momentum, double Epsilon, bool Center, bool Scale) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "BatchNormalization";

    /// <inheritdoc />
    public override string NamePrefix => "batch_normalization";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        context.Require(Momentum is >= 0 and < 1, $"momentum must be in [0, 1). Received: momentum={Momentum}.");
        context.Require(Epsilon > 0, $"epsilon must be positive. Received: epsilon={Epsilon}.");
        return new LayerOutput(context.Input);
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> UnusedTorchRoles => ["num_batches_tracked"];

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters(IReadOnlyList<Shape> inputs, Shape output)
    {
        int[] c = [inputs[0].Channels];
        var parameters = new List<ParameterSpec>(4);
        if (Scale)
        {
            parameters.Add(ParameterSpec.Plain("weight", "gamma", c, Initializer.Ones));
        }

        if (Center)
        {
            parameters.Add(ParameterSpec.Plain("bias", "beta", c, Initializer.Zeros));
        }

        parameters.Add(ParameterSpec.State("running_mean", "moving_mean", c, Initializer.Zeros));
        parameters.Add(ParameterSpec.State("running_var", "moving_variance", c, Initializer.Ones));
        return parameters;
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input;
}
