using FluentNets.Backends.TorchSharp;
using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Loggers;
using FluentNets.Benchmarks;
using FluentNets.Benchmarks.Abstraction;
using FluentNets.Benchmarks.Data;
using FluentNets.Benchmarks.Dsl;
using FluentNets.Benchmarks.Harness;
using FluentNets.Benchmarks.Inference;
using FluentNets.Benchmarks.Limit;
using FluentNets.Benchmarks.Memory;
using FluentNets.Benchmarks.Peer;
using FluentNets.Benchmarks.Report;
using Spectre.Console;
using static TorchSharp.torch;

if (OneDnnBackwardGuard.IsProbe(args))
{
    return OneDnnBackwardGuard.RunProbe(args);
}

if (InferenceMemory.IsProbe(args))
{
    return InferenceMemory.RunProbe(args);
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
    return 2;
}

if (typeof(BenchOptions).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
{
    AnsiConsole.MarkupLine("[red]Built without optimisations: run with -c Release.[/]");
    return 2;
}

if (Console.IsOutputRedirected)
{
    // Spectre.Console assumes 80 columns without a terminal, which wraps the tables in a log.
    AnsiConsole.Profile.Width = 180;
}

// Before anything native allocates: glibc's malloc is process-wide, so every contender shares it.
BenchHeap.Choose(options.KeepFreedMemory);
var wall = Stopwatch.StartNew();
void Phase(string markup) => AnsiConsole.MarkupLine($"[grey]{wall.Elapsed:mm\\:ss}[/] {markup}");

// The DSL runs first: libtorch's OpenMP workers spin for a while after each parallel region and
// would take CPU from BenchmarkDotNet's measurements.
IReadOnlyList<DslCostResult> dsl = [];
if (options.Runs("dsl"))
{
    Phase("1. DSL cost (BenchmarkDotNet)");
    string artifacts = Path.Combine(Path.GetTempPath(), "fluentnets-bench-artifacts");
    dsl = DslCost.Run(options.Quick, artifacts, Environment.GetEnvironmentVariable("FLUENTNETS_BENCH_VERBOSE") is null ? null : ConsoleLogger.Default);
}

set_num_threads(options.Threads);

// As the backend does: where NNPACK does not support the CPU libtorch would try it again on every
// convolution oneDNN does not take (asking whether it is supported prints libtorch's warning).
if (LibTorchKernels.CanSwitchNnpack)
{
    LibTorchKernels.Nnpack = false;
}

var repeater = new Repeater(options.Warmups, options.Repeats, options.MinRepeats, options.CaseBudget);
Phase($"4. libtorch matmul limit, {get_num_threads()} threads");
var matmul = MatmulPeak.Run(repeater with { Repeats = Math.Max(repeater.Repeats, 20), MinRepeats = 10 });

// Before the ResNet cases, whose freed memory the allocator may still be returning to the system.
IReadOnlyList<MemoryResult> memory = [];
if (options.Runs("memory"))
{
    Phase($"5. memory: {options.MemorySteps} LeNet-5 training steps per contender");
    memory = MemoryProbe.Run(options.MemorySteps, options.Threads);
}

var (trainingKernels, guardLine) = options.Runs("libtorch") || options.Runs("data") ? TrainingKernelsChoice.Choose() : (TrainingKernels.OneDnn, null);
if (guardLine is not null)
{
    Phase($"[yellow]{Markup.Escape(guardLine)}[/]");
}

var abstraction = new List<AbstractionResult>();
foreach (var c in options.Runs("libtorch") ? AbstractionCase.All : [])
{
    var kernels = c.Training ? trainingKernels : TrainingKernels.OneDnn;
    string described = kernels.Describe();
    Phase($"2. {c.Model} {c.Mode} {c.InputText}: FluentNets vs hand-written TorchSharp{(described.Length == 0 ? "" : $", {described}")}");
    abstraction.Add(AbstractionCost.Run(c, repeater, options.Threads, kernels));
}

PrefetchResult? data = null;
if (options.Runs("data"))
{
    Phase($"6. data: an epoch over {2 * PrefetchCost.ImagesPerClass} JPEG photos, batches made in the training loop vs {PrefetchCost.Prefetch} prefetched");
    using var applied = TrainingKernelsChoice.Apply(trainingKernels);
    data = PrefetchCost.Run(repeater, options.Threads);
}

var inference = new List<InferenceResult>();
IReadOnlyList<InferenceMemoryResult> inferenceMemory = [];
InferenceCase? memoryCase = null;
if (options.Runs("inference"))
{
    string root = Path.Combine(Path.GetTempPath(), $"fluentnets-bench-inference-{Environment.ProcessId}");
    var workspaces = new Dictionary<string, InferenceWorkspace>();
    try
    {
        foreach (var c in InferenceCase.All)
        {
            if (!workspaces.TryGetValue(c.Model, out var workspace))
            {
                Phase($"7. {c.Model}: weights, ONNX and PyTorch exports");
                workspace = workspaces[c.Model] = InferenceWorkspace.Create(c.Model, root, options.Threads);
            }

            Phase($"7. {c}: FluentNets, compiled for inference, hand-written TorchSharp, ONNX Runtime {Markup.Escape(OnnxRuntimeModel.Version)}");
            inference.Add(InferenceCost.Run(c, workspace, repeater, options.Threads));
        }

        var inferenceTimeout = TimeSpan.FromMinutes(options.Quick ? 6 : 30);
        if (options.Peer)
        {
            Phase("7. PyTorch peer on FluentNets' model.py exports: eager, and after torch.jit.freeze + optimize_for_inference");
            inference = [.. PyTorchInferencePeer.Run(inference, workspaces, options, repeater, inferenceTimeout)];
        }

        if (inference.FirstOrDefault(r => r.Case.Model == "resnet50" && r.Case.Batch == 8) is { } measured && OperatingSystem.IsLinux())
        {
            memoryCase = measured.Case;
            Phase($"8. resident set of one inference, {measured.Case}, each contender in a fresh process");
            inferenceMemory = InferenceMemory.Measure(measured.Case, workspaces["resnet50"], options.Threads, inferenceTimeout);
        }
    }
    finally
    {
        foreach (var workspace in workspaces.Values)
        {
            workspace.Dispose();
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

PeerResult peer, keptPeer;
if (options.Peer && options.Runs("libtorch"))
{
    // A minute per case in a quick run: on 2 cores a torchvision model's training step takes seconds.
    var timeout = TimeSpan.FromMinutes(options.Quick ? Math.Max(4, AbstractionCase.All.Length) : 30);
    Phase("3. PyTorch peer, glibc heap as it comes");
    peer = PyTorchPeer.Run(AbstractionCase.All, options, repeater, timeout);
    if (BenchHeap.Kept)
    {
        Phase("3. PyTorch peer, glibc heap keeping freed memory as this process does");
        keptPeer = PyTorchPeer.Run(AbstractionCase.All, options, repeater, timeout, keptHeap: true);
    }
    else
    {
        keptPeer = PeerResult.Unavailable("--glibc-heap");
    }
}
else
{
    peer = keptPeer = PeerResult.Unavailable(options.Peer ? "--only without libtorch" : "--no-peer");
}

abstraction = abstraction.Select(r => r with { PyTorch = peer.Cases.GetValueOrDefault(r.Case), PyTorchKeptHeap = keptPeer.Cases.GetValueOrDefault(r.Case) }).ToList();

var report = new BenchReport(
    MachineInfo.Current(), options.Quick, options.Threads, repeater, dsl, matmul.Time, matmul.Gflops, abstraction, peer, memory,
    data, inference, inferenceMemory, memoryCase, wall.Elapsed.TotalSeconds);
AnsiConsole.WriteLine();
ReportTable.Write(AnsiConsole.Console, report);
if (options.JsonPath is not null)
{
    File.WriteAllText(options.JsonPath, ReportJson.Render(report));
    AnsiConsole.MarkupLineInterpolated($"[grey]JSON written to {Path.GetFullPath(options.JsonPath)}[/]");
}

return 0;
