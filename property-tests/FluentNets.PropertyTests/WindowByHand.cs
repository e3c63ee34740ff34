using FluentNets.Backends;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.PropertyTests;

/// <summary>
/// What one window layer must compute, from the oracle's pads rather than the DSL's window:
/// convolutions as an explicit <c>F.pad</c> followed by an unpadded <c>F.conv2d</c>, pools as
/// plain loops over the real cells of each window. A backend that put SAME's odd row on the wrong
/// side, or padded a pool with zeros, would differ.
/// </summary>
internal static class WindowByHand
{
    /// <summary>The output of layer <paramref name="name"/> of kind <paramref name="layer"/> on <paramref name="input"/>, with the weights in <paramref name="state"/>.</summary>
    public static HostTensor Compute(
        WindowLayer layer, string name, IReadOnlyDictionary<string, HostTensor> state, HostTensor input,
        ExplicitPadding pads, Size2 kernel, Size2 stride, Size2 dilation)
    {
        if (layer is WindowLayer.MaxPool or WindowLayer.AvgPool)
        {
            return Pool(input, layer == WindowLayer.MaxPool, pads, kernel, stride);
        }

        using var scope = NewDisposeScope();
        long channels = input.Shape[1];
        long[] s = [stride.H, stride.W], d = [dilation.H, dilation.W], none = [0, 0];
        var x = F.pad(Torch(input), [pads.Left, pads.Right, pads.Top, pads.Bottom]);
        Tensor? bias = state.TryGetValue($"{name}.bias", out var b) ? Torch(b) : null;
        var y = layer switch
        {
            WindowLayer.Conv => F.conv2d(x, Torch(state[$"{name}.weight"]), bias, s, none, d),
            WindowLayer.DepthwiseConv => F.conv2d(x, Torch(state[$"{name}.weight"]), bias, s, none, d, channels),
            _ => F.conv2d(
                F.conv2d(x, Torch(state[$"{name}.depthwise.weight"]), null, s, none, d, channels),
                Torch(state[$"{name}.pointwise.weight"]),
                bias),
        };
        using var contiguous = y.contiguous();
        return new HostTensor(y.shape.Select(n => (int)n).ToArray(), contiguous.data<float>().ToArray());
    }

    private static HostTensor Pool(HostTensor x, bool max, ExplicitPadding pads, Size2 pool, Size2 stride)
    {
        int n = x.Shape[0], c = x.Shape[1], h = x.Shape[2], w = x.Shape[3];
        int oh = ((h + pads.Top + pads.Bottom - pool.H) / stride.H) + 1;
        int ow = ((w + pads.Left + pads.Right - pool.W) / stride.W) + 1;
        var output = new float[n * c * oh * ow];
        int o = 0;
        for (int b = 0; b < n; b++)
        {
            for (int ch = 0; ch < c; ch++)
            {
                for (int i = 0; i < oh; i++)
                {
                    for (int j = 0; j < ow; j++)
                    {
                        var cells = new List<double>();
                        for (int di = 0; di < pool.H; di++)
                        {
                            for (int dj = 0; dj < pool.W; dj++)
                            {
                                int row = (i * stride.H) + di - pads.Top, col = (j * stride.W) + dj - pads.Left;
                                if (row >= 0 && row < h && col >= 0 && col < w)
                                {
                                    cells.Add(x.Data[(((((b * c) + ch) * h) + row) * w) + col]);
                                }
                            }
                        }

                        output[o++] = (float)(max ? cells.Max() : cells.Average());
                    }
                }
            }
        }

        return new HostTensor([n, c, oh, ow], output);
    }

    private static Tensor Torch(HostTensor host) => tensor(host.Data, host.Shape.Select(d => (long)d).ToArray(), ScalarType.Float32);
}
