using static TorchSharp.torch;

namespace FluentNets.Backends.TorchSharp;

/// <summary>Copies between <see cref="HostTensor"/> and torch tensors.</summary>
internal static class HostTensors
{
    /// <summary>A float32 torch tensor on <paramref name="device"/> holding a copy of <paramref name="host"/>.</summary>
    public static Tensor ToTorch(HostTensor host, Device device)
    {
        long[] shape = host.Shape.Select(d => (long)d).ToArray();
        using var cpu = tensor(host.Data, shape, ScalarType.Float32);
        return cpu.to(device, copy: true);
    }

    /// <summary>A host copy of <paramref name="value"/>, from any device.</summary>
    public static HostTensor FromTorch(Tensor value)
    {
        using var detached = value.detach();
        using var cpu = detached.to(CPU, copy: true);
        using var contiguous = cpu.contiguous();
        return new HostTensor(value.shape.Select(d => checked((int)d)).ToArray(), contiguous.data<float>().ToArray());
    }
}
