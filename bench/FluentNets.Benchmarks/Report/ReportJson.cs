using System.Text.Json;
using FluentNets.Benchmarks.Harness;
using FluentNets.Benchmarks.Inference;

namespace FluentNets.Benchmarks.Report;

/// <summary>The report as JSON: the numbers of the table, unrounded, with times in milliseconds unless a name says otherwise.</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>Renders <paramref name="report"/>.</summary>
    public static string Render(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var document = new
        {
            report.Machine,
            report.Quick,
            report.Threads,
            KeptHeap = BenchHeap.Kept,
            Harness = new { report.Repeater.Warmups, report.Repeater.Repeats, report.Repeater.MinRepeats, BudgetSeconds = report.Repeater.Budget.TotalSeconds },
            report.WallSeconds,
            Dsl = report.Dsl,
            Limit = new
            {
                MatmulSize = Limit.MatmulPeak.Size,
                Matmul = Times(report.Matmul),
                report.MatmulGflops,
                PyTorchMatmul = report.Peer.Matmul is null ? null : Times(report.Peer.Matmul),
                PyTorchMatmulGflops = report.Peer.Available ? report.Peer.MatmulGflops : (double?)null,
                FlopConvention = "2 x inference MACs x batch; a training step counts 3 forward passes",
            },
            Peer = new { report.Peer.Available, report.Peer.Reason, report.Peer.Version, report.Peer.Threads },
            Abstraction = report.Abstraction.Select(r => new
            {
                r.Case.Model,
                r.Case.Mode,
                r.Case.Batch,
                Input = r.Case.InputText,
                r.InferenceMacs,
                Kernels = r.Kernels.ToString(),
                FluentNets = Times(r.FluentNets),
                HandWritten = Times(r.HandWritten),
                PyTorch = r.PyTorch is null ? null : Times(r.PyTorch),
                r.OverHandWritten,
                r.OverHandWrittenCpu,
                r.OverPyTorch,
                PyTorchKeptHeap = r.PyTorchKeptHeap is null ? null : Times(r.PyTorchKeptHeap),
                r.OverPyTorchKeptHeap,
                r.MaxAbsDifference,
                r.FluentNetsGflops,
                FractionOfMatmulPeak = r.FluentNetsGflops / report.MatmulGflops,
            }),
            Data = report.Data is not { } data ? null : new
            {
                data.Images,
                InLoop = Times(data.InLoop),
                Prefetched = Times(data.Prefetched),
                DecodeOnly = Times(data.DecodeOnly),
                TrainOnly = Times(data.TrainOnly),
                data.Speedup,
                data.OverBound,
            },
            Inference = report.Inference.Select(r => new
            {
                r.Case.Model,
                r.Case.Batch,
                Input = $"{r.Case.Batch}x{InferenceCase.Size}x{InferenceCase.Size}x3",
                r.InferenceMacs,
                MedianMs = r.Times.ToDictionary(t => t.Key, t => t.Value.MedianMs),
                Q1Ms = r.Times.ToDictionary(t => t.Key, t => t.Value.Q1Ms),
                Q3Ms = r.Times.ToDictionary(t => t.Key, t => t.Value.Q3Ms),
                Repeats = r.Times.ToDictionary(t => t.Key, t => t.Value.Repeats),
                CpuMedianMs = r.Times.Where(t => t.Value.CpuMedianMs is not null).ToDictionary(t => t.Key, t => t.Value.CpuMedianMs),
                r.FastestPeer,
                r.OverFastestPeer,
                MaxAbsDifferenceFromFluentNets = r.MaxAbsDifference,
                NotRun = r.Missing,
            }),
            InferenceMemory = report.InferenceMemoryCase is not { } measured ? null : new
            {
                measured.Model,
                measured.Batch,
                Contenders = report.InferenceMemory.Select(m => new
                {
                    m.Contender,
                    BaselineMiB = MiB(m.BaselineKiB),
                    PeakMiB = MiB(m.PeakKiB),
                    AfterMiB = MiB(m.AfterKiB),
                    ModelPeakMiB = m.Reason is null ? MiB(m.ModelPeakKiB) : null,
                    m.Reason,
                }),
            },
            Memory = report.Memory.Select(m => new
            {
                m.Contender,
                m.Steps,
                m.LiveTensorsBefore,
                m.LiveTensorsAfter,
                m.LiveTensorGrowth,
                m.ThreadLiveBefore,
                m.ThreadLiveAfter,
                m.RssBefore,
                m.RssAfter,
                m.RssDriftPercent,
            }),
        };
        return JsonSerializer.Serialize(document, Options);
    }

    private static object Times(Measurement m) => new { m.MedianMs, m.Q1Ms, m.Q3Ms, m.IqrMs, m.Repeats, m.CpuMedianMs };

    private static double? MiB(long kib) => kib < 0 ? null : kib / 1024.0;
}
