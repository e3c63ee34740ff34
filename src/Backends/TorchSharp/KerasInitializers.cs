using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace FluentNets.Backends.TorchSharp;

/// <summary>Keras's default initialisers, producing parameters and buffers on a device.</summary>
internal static class KerasInitializers
{
    /// <summary>
    /// Keras's <c>GlorotUniform</c>: U(-limit, limit) with limit = sqrt(6 / (fan_in + fan_out)),
    /// drawn on the CPU from <paramref name="generator"/> (so a seed gives the same values on every
    /// device) and copied to <paramref name="device"/> unless that is the CPU.
    /// </summary>
    public static Parameter GlorotUniform(long[] shape, long fanIn, long fanOut, Device device, Generator generator)
    {
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        var values = empty(shape, ScalarType.Float32, CPU);
        using (no_grad())
        {
            values.uniform_(-limit, limit, generator);
        }

        if (device.type == DeviceType.CPU)
        {
            return new Parameter(values, requires_grad: true);
        }

        using (values)
        {
            return new Parameter(values.to(device, copy: true), requires_grad: true);
        }
    }

    /// <summary>A parameter of zeros (Keras's bias and beta initialiser).</summary>
    public static Parameter Zeros(long[] shape, Device device) => new(zeros(shape, ScalarType.Float32, device), requires_grad: true);

    /// <summary>A parameter of ones (Keras's gamma initialiser).</summary>
    public static Parameter Ones(long[] shape, Device device) => new(ones(shape, ScalarType.Float32, device), requires_grad: true);
}
