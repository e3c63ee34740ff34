using FluentNets.Benchmarks.Harness;

namespace FluentNets.Benchmarks.Abstraction;

/// <summary>One case timed for FluentNets, the hand-written TorchSharp network and (when available) PyTorch.</summary>
/// <param name="Case">The workload.</param>
/// <param name="InferenceMacs">The DSL's multiply-accumulates of one example's inference at the case's input.</param>
/// <param name="FluentNets">FluentNets' times.</param>
/// <param name="HandWritten">The hand-written TorchSharp network's times.</param>
/// <param name="MaxAbsDifference">Largest difference between the two networks' outputs on one batch in inference mode, same weights.</param>
/// <param name="PyTorch">PyTorch's times; null when the peer did not run.</param>
/// <param name="Kernels">The convolution kernels of the two TorchSharp contenders.</param>
/// <param name="PyTorchKeptHeap">PyTorch's times on a glibc heap that keeps freed memory, as the TorchSharp contenders ran; null when not run.</param>
public sealed record AbstractionResult(
    AbstractionCase Case, long InferenceMacs, Measurement FluentNets, Measurement HandWritten, double MaxAbsDifference,
    Measurement? PyTorch = null, TrainingKernels Kernels = TrainingKernels.OneDnn, Measurement? PyTorchKeptHeap = null)
{
    /// <summary>FluentNets' median over the hand-written network's median; 1 means no abstraction cost.</summary>
    public double OverHandWritten => FluentNets.MedianMs / HandWritten.MedianMs;

    /// <summary>The same ratio of median process CPU times, which other processes' load disturbs less; null where not taken.</summary>
    public double? OverHandWrittenCpu => FluentNets.CpuMedianMs / HandWritten.CpuMedianMs;

    /// <summary>FluentNets' median over PyTorch's; null without PyTorch.</summary>
    public double? OverPyTorch => PyTorch is null ? null : FluentNets.MedianMs / PyTorch.MedianMs;

    /// <summary>FluentNets' median over PyTorch's on the same heap settings; null where not run.</summary>
    public double? OverPyTorchKeptHeap => PyTorchKeptHeap is null ? null : FluentNets.MedianMs / PyTorchKeptHeap.MedianMs;

    /// <summary>FluentNets' achieved GFLOP/s (see <see cref="AbstractionCase.Flops"/>).</summary>
    public double FluentNetsGflops => Case.Flops(InferenceMacs) / (FluentNets.MedianMs * 1e6);
}
