using FluentNets.Backends.TorchSharp;
using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Loggers;
using FluentNets.Benchmarks;
using FluentNets.Benchmarks.Abstraction;
using FluentNets.Benchmarks.Dsl;
using FluentNets.Benchmarks.Harness;
using FluentNets.Benchmarks.Limit;
using FluentNets.Benchmarks.Memory;
using FluentNets.Benchmarks.Peer;
using FluentNets.Benchmarks.Report;
using Spectre.Console;
using static TorchSharp.torch;

if (args.Length > 0 && args[0] == OneDnnProbe.Argument)
{
    return OneDnnProbe.Run(args);
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

var wall = Stopwatch.StartNew();
void Phase(string markup) => AnsiConsole.MarkupLine($"[grey]{wall.Elapsed:mm\\:ss}[/] {markup}");

// The DSL runs first: libtorch's OpenMP workers spin for a while after each parallel region and
// would take CPU from BenchmarkDotNet's measurements.
Phase("1. DSL cost (BenchmarkDotNet)");
string artifacts = Path.Combine(Path.GetTempPath(), "fluentnets-bench-artifacts");
var dsl = DslCost.Run(options.Quick, artifacts, Environment.GetEnvironmentVariable("FLUENTNETS_BENCH_VERBOSE") is null ? null : ConsoleLogger.Default);

set_num_threads(options.Threads);
if (LibTorchKernels.CanSwitchNnpack && !LibTorchKernels.NnpackAvailable)
{
    LibTorchKernels.Nnpack = false;
    Phase("NNPACK does not support this CPU: turned off, so libtorch stops retrying it on every convolution");
}

var repeater = new Repeater(options.Warmups, options.Repeats, options.MinRepeats, options.CaseBudget);
Phase($"4. libtorch matmul limit, {get_num_threads()} threads");
var matmul = MatmulPeak.Run(repeater with { Repeats = Math.Max(repeater.Repeats, 20), MinRepeats = 10 });

// Before the ResNet cases, whose freed memory the allocator may still be returning to the system.
Phase($"5. memory: {options.MemorySteps} LeNet-5 training steps per contender");
var memory = MemoryProbe.Run(options.MemorySteps, options.Threads);

var abstraction = new List<AbstractionResult>();
foreach (var c in AbstractionCase.All)
{
    bool oneDnn = true;
    if (c.Training)
    {
        oneDnn = OneDnnProbe.Survives(c, options.Threads, out string detail);
        if (!oneDnn)
        {
            Phase($"[yellow]oneDNN off for {c.Model} training: a training step with it died in a child process ({Markup.Escape(detail)})[/]");
        }
    }

    Phase($"2. {c.Model} {c.Mode} {c.InputText}: FluentNets vs hand-written TorchSharp{(oneDnn ? "" : ", oneDNN off")}");
    abstraction.Add(AbstractionCost.Run(c, repeater, options.Threads, oneDnn));
}

PeerResult peer;
if (options.Peer)
{
    Phase("3. PyTorch peer");
    peer = PyTorchPeer.Run(AbstractionCase.All, options, repeater, TimeSpan.FromMinutes(options.Quick ? 4 : 30));
}
else
{
    peer = PeerResult.Unavailable("--no-peer");
}

abstraction = abstraction.Select(r => r with { PyTorch = peer.Cases.GetValueOrDefault(r.Case) }).ToList();

var report = new BenchReport(
    MachineInfo.Current(), options.Quick, options.Threads, repeater, dsl, matmul.Time, matmul.Gflops, abstraction, peer, memory,
    wall.Elapsed.TotalSeconds);
AnsiConsole.WriteLine();
ReportTable.Write(AnsiConsole.Console, report);
if (options.JsonPath is not null)
{
    File.WriteAllText(options.JsonPath, ReportJson.Render(report));
    AnsiConsole.MarkupLineInterpolated($"[grey]JSON written to {Path.GetFullPath(options.JsonPath)}[/]");
}

return 0;
