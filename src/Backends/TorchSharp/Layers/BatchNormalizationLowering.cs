using FluentNets.Layers;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// BatchNormalization: <c>F.batch_norm</c> with the declared gamma, beta and moving statistics; in training
/// (unless frozen) the batch's statistics, updated into the moving ones with PyTorch's momentum, which is 1
/// minus Keras's.
/// </summary>
internal sealed class BatchNormalizationLowering : LayerLowering<BatchNormalization>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(BatchNormalization spec, LoweringContext context)
    {
        var weight = context.Optional("weight");
        var bias = context.Optional("bias");
        var mean = context.Parameter("running_mean");
        var variance = context.Parameter("running_var");
        double momentum = 1 - spec.Momentum;
        bool frozen = context.Frozen;
        return Function(context, (x, training) => F.batch_norm(x[0], mean, variance, weight, bias, training && !frozen, momentum, spec.Epsilon));
    }
}
