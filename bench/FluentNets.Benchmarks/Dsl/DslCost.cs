using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using BenchmarkSummary = BenchmarkDotNet.Reports.Summary;

namespace FluentNets.Benchmarks.Dsl;

/// <summary>
/// Runs <see cref="DslBenchmarks"/> with BenchmarkDotNet in this process (the in-process emit
/// toolchain: no generated project is built) and reads the mean times and allocations back.
/// </summary>
public static class DslCost
{
    /// <summary>Runs the benchmarks; <paramref name="quick"/> uses a short job (3 warm-ups, 3 iterations of about 100 ms).</summary>
    /// <param name="quick">Short job.</param>
    /// <param name="artifacts">BenchmarkDotNet's artifacts folder (its log goes there).</param>
    /// <param name="log">Where BenchmarkDotNet's own output goes; null for nowhere.</param>
    /// <exception cref="InvalidOperationException">BenchmarkDotNet refused a case (its validation errors are in the message) or a case produced no result.</exception>
    public static IReadOnlyList<DslCostResult> Run(bool quick, string artifacts, ILogger? log)
    {
        var job = quick
            ? Job.ShortRun.WithIterationTime(TimeInterval.FromMilliseconds(100))
            : Job.Default.WithIterationCount(15).WithWarmupCount(5);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job.WithToolchain(InProcessEmitToolchain.DontLogOutput).WithId(quick ? "quick" : "full"))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.JoinSummary)
            .AddLogger(log ?? NullLogger.Instance);

        var summary = BenchmarkRunner.Run<DslBenchmarks>(config);
        if (summary.HasCriticalValidationErrors)
        {
            throw new InvalidOperationException(
                "BenchmarkDotNet refused the DSL benchmarks: " + string.Join(" ", summary.ValidationErrors.Select(e => e.Message)));
        }

        return DslBenchmarks.Models.Select(model => Result(summary, model)).ToArray();
    }

    private static DslCostResult Result(BenchmarkSummary summary, string model)
    {
        var build = Report(summary, model, nameof(DslBenchmarks.Build));
        var full = Report(summary, model, nameof(DslBenchmarks.BuildAndAnalyse));
        var network = DslBenchmarks.BuildModel(model);
        var analysis = network.Analysis;
        return new DslCostResult(
            model, analysis.Layers.Count, analysis.Params.Total, analysis.InferenceMacs,
            build.ResultStatistics!.Mean / 1000, Allocated(build),
            full.ResultStatistics!.Mean / 1000, full.ResultStatistics.StandardDeviation / 1000, Allocated(full));
    }

    private static BenchmarkReport Report(BenchmarkSummary summary, string model, string method) =>
        summary.Reports.FirstOrDefault(r =>
            r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
            && Equals(r.BenchmarkCase.Parameters["Model"], model)
            && r.ResultStatistics is not null)
        ?? throw new InvalidOperationException($"Expected a BenchmarkDotNet result for {method}({model}). Received: none; the run failed for that case.");

    private static long Allocated(BenchmarkReport report) =>
        report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;
}
