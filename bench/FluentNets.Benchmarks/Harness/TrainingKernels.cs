using FluentNets.Backends.TorchSharp;

namespace FluentNets.Benchmarks.Harness;

/// <summary>
/// The convolution kernels both TorchSharp contenders train with, as the backend's own
/// <see cref="OneDnnBackwardGuard"/> chooses them for this machine: libtorch 2.10's oneDNN dies with
/// SIGFPE in the backward pass of wide 1x1 stride-2 convolutions on some x86 virtual machines (see
/// bench/README.md), so the guard probes in child processes and, where the strided form dies, runs
/// those convolutions as a stride-2 subsample and a stride-1 convolution, keeping oneDNN for the rest.
/// </summary>
public enum TrainingKernels
{
    /// <summary>oneDNN as libtorch ships it.</summary>
    OneDnn,

    /// <summary>oneDNN, with 1x1 strided convolutions run as a subsample and a stride-1 convolution.</summary>
    OneDnnSubsampled,

    /// <summary>oneDNN off: libtorch's own im2col and GEMM kernels.</summary>
    OneDnnOff,
}

/// <summary>Choosing and applying <see cref="TrainingKernels"/>.</summary>
public static class TrainingKernelsChoice
{
    /// <summary>
    /// Runs the backend's guard with this benchmark's own executable as the probe's child and gives
    /// what it chose, with its sentence (null when oneDNN is healthy); leaves the process's switches
    /// as they were, so each case sets them itself with <see cref="Apply"/>.
    /// </summary>
    public static (TrainingKernels Kernels, string? Line) Choose()
    {
        bool oneDnn = LibTorchKernels.OneDnn;
        bool subsample = LibTorchKernels.SubsampleStridedPointwise;
        string program = typeof(TrainingKernelsChoice).Assembly.Location;
        string? line = new OneDnnBackwardGuard(argument => OneDnnBackwardGuard.RunChild(program, argument)).Ensure();
        var kernels = !LibTorchKernels.OneDnn ? TrainingKernels.OneDnnOff
            : LibTorchKernels.SubsampleStridedPointwise ? TrainingKernels.OneDnnSubsampled
            : TrainingKernels.OneDnn;
        if (LibTorchKernels.CanSwitchOneDnn)
        {
            LibTorchKernels.OneDnn = oneDnn;
        }

        LibTorchKernels.SubsampleStridedPointwise = subsample;
        return (kernels, line);
    }

    /// <summary>Sets the process's switches for a case run with <paramref name="kernels"/> and gives back a restorer.</summary>
    public static IDisposable Apply(TrainingKernels kernels)
    {
        var restore = new Restore(LibTorchKernels.OneDnn, LibTorchKernels.SubsampleStridedPointwise);
        if (LibTorchKernels.CanSwitchOneDnn)
        {
            LibTorchKernels.OneDnn = kernels != TrainingKernels.OneDnnOff;
        }

        LibTorchKernels.SubsampleStridedPointwise = kernels == TrainingKernels.OneDnnSubsampled;
        return restore;
    }

    /// <summary>The table's words for <paramref name="kernels"/>; empty for plain oneDNN.</summary>
    public static string Describe(this TrainingKernels kernels) => kernels switch
    {
        TrainingKernels.OneDnnSubsampled => "oneDNN, 1x1/2 subsampled",
        TrainingKernels.OneDnnOff => "oneDNN off",
        _ => "",
    };

    private sealed record Restore(bool OneDnn, bool Subsample) : IDisposable
    {
        public void Dispose()
        {
            if (LibTorchKernels.CanSwitchOneDnn)
            {
                LibTorchKernels.OneDnn = OneDnn;
            }

            LibTorchKernels.SubsampleStridedPointwise = Subsample;
        }
    }
}
