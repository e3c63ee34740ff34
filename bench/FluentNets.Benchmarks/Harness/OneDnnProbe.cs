using FluentNets.Backends.TorchSharp;
using System.Diagnostics;
using System.Globalization;
using FluentNets.Benchmarks.Abstraction;
using FluentNets.Benchmarks.HandWritten;
using static TorchSharp.torch;

namespace FluentNets.Benchmarks.Harness;

/// <summary>
/// Finds out, in a child process, whether libtorch's oneDNN kernels survive a ResNet-50 training
/// step on this machine. On some x86 virtual machines libtorch 2.10's oneDNN dies with SIGFPE (an
/// integer division by zero in <c>brgemm_convolution_bwd_utils::brg_blocking_t::est_eff_1x1</c>) in
/// the backward pass of 1x1 stride-2 convolutions with 14x14 or 7x7 outputs, which every ResNet
/// has; a signal cannot be caught in-process, so the harness asks a child first.
/// </summary>
public static class OneDnnProbe
{
    /// <summary>The hidden argument that makes the harness run the probe step and exit.</summary>
    public const string Argument = "--probe-onednn-training-step";

    /// <summary>Whether one hand-written training step of <paramref name="c"/> with oneDNN on ends normally in a child process.</summary>
    /// <param name="c">The training case.</param>
    /// <param name="threads">libtorch threads, as the case runs.</param>
    /// <param name="detail">How the child ended.</param>
    public static bool Survives(AbstractionCase c, int threads, out string detail)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(OneDnnProbe).Assembly.Location);
        }

        foreach (string argument in (string[])[Argument, c.Model, Text(c.Batch), Text(c.Size), Text(c.Channels), Text(threads)])
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"{host} did not start.");
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        child.WaitForExit();
        detail = child.ExitCode == 0 ? "ok" : LibTorchKernels.DescribeProbeExit(child.ExitCode, error.Result);
        _ = output.Result;
        return child.ExitCode == 0;
    }

    /// <summary>The child's side: one training step of the hand-written network with oneDNN on; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        var c = new AbstractionCase(args[1], true, Parse(args[2]), Parse(args[3]), Parse(args[4]));
        set_num_threads(Parse(args[5]));
        if (LibTorchKernels.CanSwitchNnpack)
        {
            LibTorchKernels.Nnpack = LibTorchKernels.NnpackAvailable;
        }
        using HandWrittenNetwork hand = c.Model == "resnet50" ? new HandResNet50() : new HandLeNet5();
        using var optimizer = optim.SGD(hand.parameters(), AbstractionCost.LearningRate);
        using var input = randn([c.Batch, c.Channels, c.Size, c.Size]);
        using var labels = randint(10, [c.Batch], ScalarType.Int64);
        hand.train();
        AbstractionCost.TrainStep(hand.Logits, optimizer, input, labels);
        return 0;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Parse(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
