using FluentNets.Layers;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// A parameter's initial values as its spec declares them (<see cref="Initializer"/>), drawn on the CPU
/// from the network's generator in declaration order so a seed gives the same weights on every device.
/// </summary>
internal static class TorchInitializers
{
    /// <summary>A new tensor for <paramref name="parameter"/>: a <see cref="Parameter"/> that requires gradients when it trains, a plain tensor otherwise.</summary>
    /// <exception cref="NotSupportedException">The initializer has no form here.</exception>
    public static Tensor Create(ParameterSpec parameter, Device device, Generator generator)
    {
        long[] shape = parameter.Shape.Select(d => (long)d).ToArray();
        var values = parameter.Initializer switch
        {
            GlorotUniform g => Uniform(shape, g.Limit, generator),
            Constant { Value: 0 } => zeros(shape, ScalarType.Float32, CPU),
            Constant { Value: 1 } => ones(shape, ScalarType.Float32, CPU),
            Constant c => Filled(shape, c.Value),
            var other => throw new NotSupportedException($"The TorchSharp backend has no initializer {other.GetType().Name}."),
        };
        if (device.type != DeviceType.CPU)
        {
            using var host = values;
            values = host.to(device, copy: true);
        }

        return parameter.Trainable ? new Parameter(values, requires_grad: true) : values;
    }

    private static Tensor Uniform(long[] shape, double limit, Generator generator)
    {
        var values = empty(shape, ScalarType.Float32, CPU);
        using (no_grad())
        {
            values.uniform_(-limit, limit, generator);
        }

        return values;
    }

    private static Tensor Filled(long[] shape, double value)
    {
        using var scalar = value.ToScalar();
        return empty(shape, ScalarType.Float32, CPU).fill_(scalar);
    }
}
