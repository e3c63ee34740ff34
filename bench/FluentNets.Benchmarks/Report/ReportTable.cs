using System.Globalization;
using FluentNets.Benchmarks.Data;
using FluentNets.Benchmarks.Harness;
using FluentNets.Benchmarks.Inference;
using Spectre.Console;

namespace FluentNets.Benchmarks.Report;

/// <summary>The report as Spectre.Console tables: DSL cost, libtorch cases with the matmul limit, memory.</summary>
public static class ReportTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes the tables to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var m = report.Machine;
        console.Write(new Rule($"[bold]FluentNets benchmarks[/] ({(report.Quick ? "--quick" : "full")}, {report.WallSeconds:0} s)").LeftJustified());
        console.MarkupLineInterpolated(
            $"{m.Processor}, {m.LogicalCores} logical cores, {report.Threads} libtorch threads; {m.Runtime}; TorchSharp {m.TorchSharp}; {m.Os}; {BenchHeap.Describe()}");
        console.MarkupLineInterpolated(
            $"libtorch cases: warm-up runs {report.Repeater.Warmups}, then {report.Repeater.MinRepeats} to {report.Repeater.Repeats} timed runs (no new run after {report.Repeater.Budget.TotalSeconds:0} s); wall-clock median [[Q1-Q3]] in ms");
        console.WriteLine();

        if (report.Dsl.Count > 0)
        {
            console.Write(DslTable(report));
        }

        if (report.Abstraction.Count > 0)
        {
            console.Write(LibTorchTable(report));
        }

        if (report.Memory.Count > 0)
        {
            console.Write(MemoryTable(report));
        }

        if (report.Data is { } data)
        {
            console.Write(DataTable(data));
        }

        if (report.Inference.Count > 0)
        {
            console.Write(InferenceTable(report));
        }

        if (report.InferenceMemoryCase is { } measured)
        {
            console.Write(InferenceMemoryTable(measured, report.InferenceMemory));
        }
    }

    private static Table InferenceTable(BenchReport report)
    {
        var notRun = report.Inference.SelectMany(r => r.Missing.Select(m => $"{r.Case}: {InferenceContender.Heading(m.Key)}: {m.Value}")).Distinct().ToArray();
        var table = new Table()
            .Title($"7. Inference at {InferenceCase.Size}x{InferenceCase.Size}, {report.Threads} threads: FluentNets as compiled for training and compiled for inference against its peers, the same weights and batch")
            .Caption(Markup.Escape(
                "Median [Q1-Q3] in ms of one batch. FN for inference / fastest = FluentNets' inference compilation over the fastest of the four peers (hand-written TorchSharp, PyTorch 1.13 eager and after torch.jit.freeze + optimize_for_inference on FluentNets' model.py export, ONNX Runtime on its ONNX export); goal 0.9 for ResNet-50, 1 elsewhere. "
                + "max |Δ| = the largest difference of a contender's output from FluentNets' plain one, and whose (the hand-written networks run oneDNN's kernels unchecked). PyTorch runs on the same glibc heap as this process."
                + (notRun.Length == 0 ? "" : " Not run: " + string.Join("; ", notRun) + ".")));
        table.AddColumn("Model").AddColumn("Batch");
        foreach (string contender in InferenceContender.All)
        {
            table.AddColumn(InferenceContender.Heading(contender));
        }

        table.AddColumn("FN for inference / fastest").AddColumn("max |Δ|");
        foreach (var r in report.Inference)
        {
            var cells = new List<string> { r.Case.Model, r.Case.Batch.ToString(Invariant) };
            cells.AddRange(InferenceContender.All.Select(c => r.Times.TryGetValue(c, out var m) ? Ms(m) : "n/a"));
            double goal = r.Case.Model == "resnet50" ? 0.9 : 1.0;
            cells.Add(r.OverFastestPeer is double over ? $"{Ratio(over, goal)} [grey]({Markup.Escape(InferenceContender.Heading(r.FastestPeer!))})[/]" : "n/a");
            cells.Add(r.MaxAbsDifference.Count == 0
                ? "n/a"
                : r.MaxAbsDifference.MaxBy(d => d.Value) is var (worst, difference)
                    ? $"{difference.ToString("0.0e0", Invariant)} [grey]({Markup.Escape(InferenceContender.Heading(worst))})[/]"
                    : "n/a");
            table.AddRow(cells.ToArray());
        }

        return Right(table, from: 1);
    }

    private static Table InferenceMemoryTable(InferenceCase measured, IReadOnlyList<InferenceMemoryResult> memory)
    {
        var table = new Table()
            .Title($"8. Resident set of one inference, {measured}, each contender in a fresh process")
            .Caption("Before = runtime and native libraries loaded; peak = VmHWM after loading the weights from its file and one batch; after = holding the model, managed copies collected.")
            .AddColumns("Contender", "Before", "Peak", "Peak - before", "After");
        foreach (var m in memory)
        {
            table.AddRow(
                Markup.Escape(InferenceContender.Heading(m.Contender)),
                m.Reason is null ? Bytes(m.BaselineKiB * 1024) : Markup.Escape(m.Reason),
                m.Reason is null ? Bytes(m.PeakKiB * 1024) : "",
                m.Reason is null ? Bytes(m.ModelPeakKiB * 1024) : "",
                m.Reason is null ? Bytes(m.AfterKiB * 1024) : "");
        }

        return Right(table, from: 1);
    }

    private static Table DataTable(PrefetchResult data)
    {
        var table = new Table()
            .Title($"6. Data: one epoch over {data.Images} JPEG photos (500x375, resized to 128x128x3 when read), batch {PrefetchCost.BatchSize}")
            .Caption(Markup.Escape(
                $"Prefetch {PrefetchCost.Prefetch} / in loop = {data.Speedup.ToString("0.00", Invariant)}x faster; prefetched epoch / slower half alone = {data.OverBound.ToString("0.00", Invariant)} (1.00: decoding fully hidden)."))
            .AddColumns("Contender", "Epoch", "Images/s", "CPU");
        foreach (var (name, m) in (ReadOnlySpan<(string, Measurement)>)[
            ("training, batches decoded in the loop", data.InLoop),
            ($"training, {PrefetchCost.Prefetch} batches prefetched", data.Prefetched),
            ("decoding alone", data.DecodeOnly),
            ("training alone (decoded beforehand)", data.TrainOnly)])
        {
            table.AddRow(Markup.Escape(name), Ms(m), data.PerSecond(m).ToString("0.0", Invariant), m.CpuMedianMs is double cpu ? $"{cpu:0} ms" : "n/a");
        }

        return Right(table, from: 1);
    }

    private static Table DslTable(BenchReport report)
    {
        var table = new Table().Title("1. DSL cost: build, analyse, summary (BenchmarkDotNet, in-process)")
            .AddColumns("Model", "Layers", "Params", "MACs", "Build", "Build alloc", "Build + analyse + summary", "Alloc");
        foreach (var d in report.Dsl)
        {
            table.AddRow(
                d.Model, Count(d.Layers), Count(d.Parameters), Giga(d.InferenceMacs),
                Micro(d.BuildMeanUs), Bytes(d.BuildAllocatedBytes), $"{Micro(d.FullMeanUs)} ± {Micro(d.FullStdDevUs)}", Bytes(d.FullAllocatedBytes));
        }

        return Right(table, from: 1);
    }

    private static Table LibTorchTable(BenchReport report)
    {
        string peer = report.Peer.Available
            ? $"PyTorch peer: {report.Peer.Version}, {report.Peer.Threads} threads, matmul {report.Peer.MatmulGflops:0.0} GFLOP/s"
            : $"PyTorch peer skipped: {report.Peer.Reason}";
        var table = new Table()
            .Title($"2-4. libtorch: FluentNets vs hand-written TorchSharp vs PyTorch; limit = {Limit.MatmulPeak.Size}² matmul {report.MatmulGflops:0.0} GFLOP/s ({Ms(report.Matmul)})")
            .Caption(Markup.Escape(
                $"{peer}. PyTorch (kept heap) = the same peer on glibc's heap keeping freed memory as the TorchSharp contenders' does (MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_). (CPU) = FN / hand of median process CPU times. GFLOP/s = 2 x DSL MACs x batch / median (training step: 3 x forward)."
                + KernelsCaption(report)))
            .AddColumns("Model", "Mode", "Input", "FluentNets", "Hand TorchSharp", "FN / hand", "(CPU)", "PyTorch", "FN / PyTorch", "PyTorch (kept heap)", "FN / that", "FN GFLOP/s", "of matmul", "max |Δ|");
        foreach (var r in report.Abstraction)
        {
            table.AddRow(
                r.Case.Model, Markup.Escape(r.Case.Mode + (r.Kernels == TrainingKernels.OneDnn ? "" : $" ({r.Kernels.Describe()})")), r.Case.InputText, Ms(r.FluentNets), Ms(r.HandWritten), Ratio(r.OverHandWritten, 1.03),
                r.OverHandWrittenCpu is double cpu ? $"[grey]{cpu.ToString("0.000", Invariant)}[/]" : "n/a",
                r.PyTorch is null ? "n/a" : Ms(r.PyTorch), r.OverPyTorch is double p ? Ratio(p, null) : "n/a",
                r.PyTorchKeptHeap is null ? "n/a" : Ms(r.PyTorchKeptHeap), r.OverPyTorchKeptHeap is double k ? Ratio(k, null) : "n/a",
                r.FluentNetsGflops.ToString("0.0", Invariant), (r.FluentNetsGflops / report.MatmulGflops).ToString("0%", Invariant),
                r.MaxAbsDifference.ToString("0.0e0", Invariant));
        }

        return Right(table, from: 3);
    }

    private static string KernelsCaption(BenchReport report) => report.Abstraction.Select(r => r.Kernels).Max() switch
    {
        TrainingKernels.OneDnnSubsampled => " (oneDNN, 1x1/2 subsampled) = both TorchSharp contenders ran their 1x1 stride-2 convolutions as a subsample and a stride-1 convolution: strided, libtorch's oneDNN died in the backward pass on this machine (see bench/README.md).",
        TrainingKernels.OneDnnOff => " (oneDNN off) = both TorchSharp contenders ran without oneDNN: with it, libtorch died in this case's backward pass on this machine (see bench/README.md).",
        _ => "",
    };

    private static Table MemoryTable(BenchReport report)
    {
        var table = new Table().Title("5. Memory: LeNet-5 training steps, batch 128, after 20 warm-up steps (tensor counts without GC; RSS after a full GC)")
            .AddColumns("Contender", "Steps", "Live tensors", "Thread live", "RSS", "RSS drift");
        foreach (var m in report.Memory)
        {
            string growth = m.LiveTensorGrowth == 0 ? "[green]+0[/]" : $"[red]{m.LiveTensorGrowth:+0;-0}[/]";
            table.AddRow(
                Markup.Escape(m.Contender), Count(m.Steps), $"{m.LiveTensorsBefore} → {m.LiveTensorsAfter} ({growth})",
                $"{m.ThreadLiveBefore} → {m.ThreadLiveAfter}", $"{Bytes(m.RssBefore)} → {Bytes(m.RssAfter)}",
                Math.Abs(m.RssDriftPercent) < 1 ? $"[green]{m.RssDriftPercent:+0.00;-0.00}%[/]" : $"[red]{m.RssDriftPercent:+0.00;-0.00}%[/]");
        }

        return Right(table, from: 1);
    }

    private static Table Right(Table table, int from)
    {
        for (int i = from; i < table.Columns.Count; i++)
        {
            table.Columns[i].RightAligned();
        }

        return table;
    }

    private static string Ms(Measurement m) =>
        $"{Number(m.MedianMs)} [grey][[{Number(m.Q1Ms)}-{Number(m.Q3Ms)}]][/]";

    private static string Number(double ms) => ms.ToString(ms < 10 ? "0.00" : ms < 100 ? "0.0" : "0", Invariant);

    private static string Ratio(double ratio, double? goal)
    {
        string text = ratio.ToString("0.000", Invariant);
        return goal is double g ? (ratio <= g ? $"[green]{text}[/]" : $"[red]{text}[/]") : text;
    }

    private static string Micro(double us) => us < 1000 ? $"{us.ToString("0.0", Invariant)} µs" : $"{(us / 1000).ToString("0.00", Invariant)} ms";

    private static string Count(long n) => n.ToString("N0", Invariant);

    private static string Giga(long n) => $"{(n / 1e9).ToString("0.00", Invariant)} G";

    private static string Bytes(long bytes) => bytes switch
    {
        < 0 => "n/a",
        < 1 << 20 => $"{(bytes / 1024.0).ToString("0.0", Invariant)} KiB",
        _ => $"{(bytes / (1024.0 * 1024)).ToString("0.0", Invariant)} MiB",
    };
}
