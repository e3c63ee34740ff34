using static TorchSharp.torch;

namespace FluentNets.Backends.TorchSharp;

/// <summary>A layer's per-channel constants as tensors that broadcast over an NCHW image or an NC vector.</summary>
internal static class Constants
{
    /// <summary>
    /// <paramref name="values"/> (one value, or one per channel) as a float32 tensor of shape (1, C, 1, 1)
    /// for an image or (1, C) for a vector, on <paramref name="device"/>.
    /// </summary>
    public static Tensor PerChannel(IEnumerable<double> values, bool image, Device device)
    {
        float[] data = values.Select(v => (float)v).ToArray();
        long[] shape = image ? [1, data.Length, 1, 1] : [1, data.Length];
        return tensor(data, shape, ScalarType.Float32, device);
    }

    /// <summary>A declared per-channel parameter of shape (C) viewed to broadcast over the layer's input.</summary>
    public static Tensor Broadcast(Tensor perChannel, bool image) => image ? perChannel.view(1, -1, 1, 1) : perChannel.view(1, -1);
}
