using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Backends.Tests;

/// <summary>
/// Independent references for the lowering tests: TensorFlow's SAME rule computed here, pooling
/// in plain loops, and convolutions as libtorch's F.pad and F.conv2d called directly.
/// </summary>
internal static class Reference
{
    /// <summary>TensorFlow's SAME padding along one axis: (before, after), the odd cell after.</summary>
    public static (int Before, int After) Same(int n, int kernel, int stride, int dilation = 1)
    {
        int output = (n + stride - 1) / stride;
        int total = Math.Max((output - 1) * stride + dilation * (kernel - 1) + 1 - n, 0);
        return (total / 2, total - total / 2);
    }

    /// <summary>An explicit zero pad (left, right, top, bottom) and an unpadded F.conv2d.</summary>
    public static HostTensor Conv(HostTensor x, HostTensor weight, HostTensor? bias, (int Top, int Bottom, int Left, int Right) pads, (int H, int W) stride, (int H, int W) dilation, int groups)
    {
        using var scope = NewDisposeScope();
        var input = Torch(x);
        var padded = F.pad(input, [pads.Left, pads.Right, pads.Top, pads.Bottom], PaddingModes.Constant, 0);
        var output = F.conv2d(padded, Torch(weight), bias is null ? null : Torch(bias), [stride.H, stride.W], [0, 0], [dilation.H, dilation.W], groups);
        return Host(output);
    }

    /// <summary>Max or mean over the real cells of each window; windows are placed on the padded grid.</summary>
    public static HostTensor Pool(HostTensor x, bool max, (int H, int W) pool, (int H, int W) stride, (int Top, int Bottom, int Left, int Right) pads)
    {
        int n = x.Shape[0], c = x.Shape[1], h = x.Shape[2], w = x.Shape[3];
        int oh = (h + pads.Top + pads.Bottom - pool.H) / stride.H + 1;
        int ow = (w + pads.Left + pads.Right - pool.W) / stride.W + 1;
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
                        var cells = new List<float>();
                        for (int di = 0; di < pool.H; di++)
                        {
                            for (int dj = 0; dj < pool.W; dj++)
                            {
                                int r = i * stride.H + di - pads.Top, col = j * stride.W + dj - pads.Left;
                                if (r >= 0 && r < h && col >= 0 && col < w)
                                {
                                    cells.Add(x.At(b, ch, r, col));
                                }
                            }
                        }

                        output[o++] = max ? cells.Max() : (float)cells.Average(v => (double)v);
                    }
                }
            }
        }

        return new HostTensor([n, c, oh, ow], output);
    }

    public static Tensor Torch(HostTensor host) => tensor(host.Data, host.Shape.Select(d => (long)d).ToArray(), ScalarType.Float32);

    public static HostTensor Host(Tensor value)
    {
        using var contiguous = value.detach().contiguous();
        return new HostTensor(value.shape.Select(d => (int)d).ToArray(), contiguous.data<float>().ToArray());
    }

    public static void Close(HostTensor expected, HostTensor actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        for (int i = 0; i < expected.Data.Length; i++)
        {
            if (Math.Abs(expected.Data[i] - actual.Data[i]) > tolerance * Math.Max(1, Math.Abs(expected.Data[i])))
            {
                Assert.Fail($"element {i} of {expected.ShapeText}: expected {expected.Data[i]}, got {actual.Data[i]}");
            }
        }
    }
}
