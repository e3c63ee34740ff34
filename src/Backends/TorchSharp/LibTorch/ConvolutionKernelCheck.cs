using System.Collections.Concurrent;
using System.Globalization;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// Checks libtorch's oneDNN convolution kernels on the CPU before a network first runs: each
/// distinct <see cref="ConvolutionConfiguration"/> of the network is run once on a seeded batch of
/// 2 with oneDNN and compared with the same convolution in float64 (which libtorch never gives to
/// oneDNN). A configuration whose result is off by more than <see cref="Tolerance"/> of the output's
/// largest value, or is not finite, runs with oneDNN switched off around that one call from then on;
/// every other convolution keeps oneDNN. Verdicts are kept for the process (kernel selection
/// depends only on the configuration), so a configuration is checked once.
/// </summary>
/// <remarks>
/// Why: libtorch 2.10's AVX-512 oneDNN kernels give wrong values for some shapes on some x86
/// virtual machines (a 3x3 convolution 24 -&gt; 64 channels at 14x14 is off by about 20% of its
/// range at batch 2 or more, and NaN at times), while PyTorch 1.13 and libtorch's own kernels are
/// right. Capping oneDNN's ISA instead is not possible in process: libtorch exports no
/// <c>dnnl_set_max_cpu_isa</c>, and oneDNN reads <c>ONEDNN_MAX_CPU_ISA</c> once, at its first use,
/// which a check has already made. A batch of 1 is not enough to check: libtorch gives small
/// single-image convolutions to its own kernels.
/// </remarks>
public static class ConvolutionKernelCheck
{
    /// <summary>Largest error accepted, relative to the largest absolute value of the float64 output (float32 gives about 5e-7).</summary>
    public const double Tolerance = 1e-4;

    private static readonly ConcurrentDictionary<ConvolutionConfiguration, ConvolutionVerdict> Verdicts = new();

    /// <summary>
    /// Where the one line naming the configurations switched off goes; standard error unless set.
    /// Nothing is written on a machine where every configuration checked is right.
    /// </summary>
    public static Action<string> Report { get; set; } = line => Console.Error.WriteLine(line);

    /// <summary>Every configuration checked in this process so far, with its verdict.</summary>
    public static IReadOnlyCollection<ConvolutionVerdict> Checked => Verdicts.Values.ToArray();

    /// <summary>
    /// Checks each configuration not checked before (with oneDNN on; nothing is checked while
    /// <see cref="LibTorchKernels.OneDnn"/> is off, nor where <see cref="LibTorchKernels.CanSwitchOneDnn"/>
    /// is false, since a wrong configuration could not be moved off oneDNN there) and returns the verdicts of all of them. Writes
    /// one line to <see cref="Report"/> when any configuration newly fails.
    /// </summary>
    /// <param name="configurations">The convolutions to check.</param>
    public static IReadOnlyList<ConvolutionVerdict> Check(IEnumerable<ConvolutionConfiguration> configurations)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        var distinct = configurations.Distinct().ToArray();
        var failed = new List<ConvolutionVerdict>();
        // The oneDNN switch is held so that no other thread turns it off while a kernel is measured.
        lock (LibTorchKernels.Switch)
        {
            if (!LibTorchKernels.CanSwitchOneDnn || !LibTorchKernels.OneDnn)
            {
                return distinct.Select(c => Verdicts.TryGetValue(c, out var v) ? v : new ConvolutionVerdict(c, OneDnnRight: true, 0)).ToArray();
            }

            foreach (var configuration in distinct.Where(c => !Verdicts.ContainsKey(c)))
            {
                var verdict = Measure(configuration);
                Verdicts[configuration] = verdict;
                if (!verdict.OneDnnRight)
                {
                    failed.Add(verdict);
                }
            }
        }

        if (failed.Count > 0)
        {
            var worst = failed.MaxBy(v => double.IsNaN(v.RelativeError) ? double.PositiveInfinity : v.RelativeError)!;
            Report(string.Create(
                CultureInfo.InvariantCulture,
                $"oneDNN's convolution kernels are wrong on this CPU for {failed.Count} of {distinct.Length} configurations (worst: {worst.Configuration}, off by {worst.RelativeError:G2} of its range against float64); those run on libtorch's own kernels, the rest keep oneDNN."));
        }

        return distinct.Select(c => Verdicts[c]).ToArray();
    }

    /// <summary>Whether oneDNN was found wrong for <paramref name="configuration"/> in this process.</summary>
    internal static bool AvoidsOneDnn(ConvolutionConfiguration configuration) =>
        Verdicts.TryGetValue(configuration, out var verdict) && !verdict.OneDnnRight;

    private static ConvolutionVerdict Measure(ConvolutionConfiguration c)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var generator = new Generator(0x5eed, CPU);
        var input = rand([2, c.Channels, c.Height, c.Width], generator: generator).mul_(2).sub_(1);
        var weight = rand([c.Filters, c.Channels / c.Groups, c.KernelHeight, c.KernelWidth], generator: generator).mul_(2).sub_(1);
        long[] stride = [c.StrideHeight, c.StrideWidth], padding = [c.PadHeight, c.PadWidth], dilation = [c.DilationHeight, c.DilationWidth];
        var fast = F.conv2d(input, weight, null, stride, padding, dilation, c.Groups).to(float64);
        var trusted = F.conv2d(input.to(float64), weight.to(float64), null, stride, padding, dilation, c.Groups);
        double range = trusted.abs().max().item<double>();
        double error = fast.sub(trusted).abs().max().item<double>() / Math.Max(range, double.Epsilon);
        return new ConvolutionVerdict(c, OneDnnRight: error <= Tolerance, error);
    }
}
