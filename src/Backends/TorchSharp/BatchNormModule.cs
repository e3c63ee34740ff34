using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using Parameter = TorchSharp.Modules.Parameter;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// Keras's BatchNormalization over channels (axis 1): parameters <c>weight</c> (gamma, only when
/// scale) and <c>bias</c> (beta, only when center), buffers <c>running_mean</c> and
/// <c>running_var</c>, and nothing else (no <c>num_batches_tracked</c>), so the state is exactly the
/// parameter layout. libtorch's <c>batch_norm</c> takes gamma and beta independently, so
/// <c>scale: false</c> needs no fixed weight. Training updates the moving statistics with
/// momentum 1 - Keras's momentum; as in PyTorch, the moving variance is fed the unbiased batch variance.
/// </summary>
internal sealed class BatchNormModule : nn.Module<Tensor, Tensor>
{
    private readonly Parameter? weight;
    private readonly Parameter? bias;
    private readonly Tensor runningMean;
    private readonly Tensor runningVar;

    /// <param name="name">The module's name.</param>
    /// <param name="channels">Channels normalised.</param>
    /// <param name="kerasMomentum">Keras's momentum of the moving statistics (0.99 by default).</param>
    /// <param name="epsilon">Added to the variance.</param>
    /// <param name="center">Whether beta is learned.</param>
    /// <param name="scale">Whether gamma is learned.</param>
    /// <param name="device">Where the state lives.</param>
    public BatchNormModule(string name, long channels, double kerasMomentum, double epsilon, bool center, bool scale, Device device)
        : base(name)
    {
        Momentum = 1 - kerasMomentum;
        Epsilon = epsilon;
        if (scale)
        {
            weight = KerasInitializers.Ones([channels], device);
            register_parameter("weight", weight);
        }

        if (center)
        {
            bias = KerasInitializers.Zeros([channels], device);
            register_parameter("bias", bias);
        }

        runningMean = zeros([channels], ScalarType.Float32, device);
        runningVar = ones([channels], ScalarType.Float32, device);
        register_buffer("running_mean", runningMean);
        register_buffer("running_var", runningVar);
    }

    /// <summary>PyTorch's momentum: the weight of the batch statistic in the moving average, 1 - Keras's.</summary>
    public double Momentum { get; }

    /// <summary>Added to the variance.</summary>
    public double Epsilon { get; }

    /// <summary>A frozen layer normalises with its moving statistics in training mode too, and never updates them (Keras 3).</summary>
    public bool Frozen { get; init; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) =>
        F.batch_norm(input, runningMean, runningVar, weight, bias, training && !Frozen, Momentum, Epsilon);
}
