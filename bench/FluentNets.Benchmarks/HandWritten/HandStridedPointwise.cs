using FluentNets.Backends.TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// A 1x1 convolution without padding as the backend runs it: where its guard turned on
/// <see cref="LibTorchKernels.SubsampleStridedPointwise"/> (libtorch's oneDNN dies in the backward of
/// wide 1x1 stride-2 convolutions on some CPUs), a strided one is the stride-1 convolution of every
/// stride-th row and column.
/// </summary>
public static class HandStridedPointwise
{
    /// <summary><paramref name="conv"/> of <paramref name="input"/>, whose stride is <paramref name="stride"/>.</summary>
    /// <param name="conv">A 1x1 convolution without padding.</param>
    /// <param name="input">Its input.</param>
    /// <param name="stride">The convolution's stride.</param>
    public static Tensor Call(Conv2d conv, Tensor input, long stride)
    {
        if (stride == 1 || !LibTorchKernels.SubsampleStridedPointwise)
        {
            return conv.call(input);
        }

        using var rows = input.slice(2, 0, input.shape[2], stride);
        using var every = rows.slice(3, 0, input.shape[3], stride);
        return F.conv2d(every, conv.weight!, conv.bias);
    }
}
