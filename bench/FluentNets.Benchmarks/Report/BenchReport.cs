using FluentNets.Benchmarks.Abstraction;
using FluentNets.Benchmarks.Data;
using FluentNets.Benchmarks.Dsl;
using FluentNets.Benchmarks.Harness;
using FluentNets.Benchmarks.Inference;
using FluentNets.Benchmarks.Memory;
using FluentNets.Benchmarks.Peer;

namespace FluentNets.Benchmarks.Report;

/// <summary>Everything one run measured, with the machine it ran on.</summary>
/// <param name="Machine">Processor, cores, runtime and library versions.</param>
/// <param name="Quick">Whether this was a <c>--quick</c> run.</param>
/// <param name="Threads">Intra-op threads of every libtorch contender.</param>
/// <param name="Repeater">Warm-ups and repeats of the libtorch cases.</param>
/// <param name="Dsl">BenchmarkDotNet's DSL numbers.</param>
/// <param name="Matmul">libtorch's 2048 x 2048 float32 matmul time.</param>
/// <param name="MatmulGflops">Its GFLOP/s at the median.</param>
/// <param name="Abstraction">FluentNets against hand-written TorchSharp (and PyTorch).</param>
/// <param name="Peer">The PyTorch peer's status and matmul.</param>
/// <param name="Memory">Live tensors and RSS around LeNet-5 training steps.</param>
/// <param name="Data">The image-folder pipeline with and without prefetching; null when not run.</param>
/// <param name="Inference">The inference section: FluentNets plain and compiled for inference against its peers.</param>
/// <param name="InferenceMemory">Peak resident set of one inference per contender, each in a fresh process; empty when not run.</param>
/// <param name="InferenceMemoryCase">The case <paramref name="InferenceMemory"/> measured; null when not run.</param>
/// <param name="WallSeconds">Wall time of the whole run so far.</param>
public sealed record BenchReport(
    MachineInfo Machine, bool Quick, int Threads, Repeater Repeater, IReadOnlyList<DslCostResult> Dsl,
    Measurement Matmul, double MatmulGflops, IReadOnlyList<AbstractionResult> Abstraction, PeerResult Peer,
    IReadOnlyList<MemoryResult> Memory, PrefetchResult? Data, IReadOnlyList<InferenceResult> Inference,
    IReadOnlyList<InferenceMemoryResult> InferenceMemory, InferenceCase? InferenceMemoryCase, double WallSeconds);
