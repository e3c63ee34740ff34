using FluentNets.Benchmarks.Harness;
using static TorchSharp.torch;

namespace FluentNets.Benchmarks.Limit;

/// <summary>
/// The machine's libtorch matmul throughput: the ceiling every convolution network here runs
/// under. A float32 n x n by n x n product is 2n^3 floating-point operations.
/// </summary>
public static class MatmulPeak
{
    /// <summary>Matrix size.</summary>
    public const int Size = 2048;

    /// <summary>Times the product; returns the measurement and GFLOP/s at its median.</summary>
    public static (Measurement Time, double Gflops) Run(Repeater repeater)
    {
        using var generator = new Generator(11);
        using var a = randn([Size, Size], generator: generator);
        using var b = randn([Size, Size], generator: generator);
        var time = repeater.Time(() => a.matmul(b).Dispose());
        return (time, 2.0 * Size * Size * Size / (time.MedianMs * 1e6));
    }
}
