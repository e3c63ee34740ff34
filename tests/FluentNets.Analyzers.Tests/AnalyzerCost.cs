extern alias analyzer;

using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using analyzer::FluentNets.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FluentNets.Analyzers.Tests;

/// <summary>
/// What the analyzer adds to compiling FluentNets.Dsl with its zoo, measured by hand and never as a
/// timed test (the test is explicit; its output is the numbers): <c>dotnet
/// tests/FluentNets.Analyzers.Tests/bin/Release/net10.0/FluentNets.Analyzers.Tests.dll -class
/// FluentNets.Analyzers.Tests.AnalyzerCost -explicit only -showLiveOutput</c>. Each round compiles the
/// DSL's sources afresh (a compilation caches what it bound), once without the analyzer and once with
/// it, and Roslyn's telemetry gives the time spent in the analyzer's callbacks in the second; on a
/// shared machine that time is the number to read, the difference of two whole compilations being
/// mostly noise. What it asserts: one probe file's broken chain gets FN0001 (the analyzer ran) and the
/// DSL and its zoo get nothing.
/// </summary>
public class AnalyzerCost
{
    private const int Rounds = 10;

    private static readonly (string Path, string Text) Probe =
        ("Probe.cs", "namespace Probe; using FluentNets; static class Broken { static FluentNets.Graph.Network Build() => Net.Input(5, 5, 16).Conv(8, 7).ToNetwork(); }");

    [Fact(Explicit = true)]
    public async Task CompilingTheDslAndItsZooWithAndWithoutTheAnalyzer()
    {
        var cancellation = TestContext.Current.CancellationToken;
        string dsl = Path.Combine(Compiler.RepositoryRoot(), "src", "Dsl");
        string separator = Path.DirectorySeparatorChar.ToString();
        var sources = Directory.GetFiles(dsl, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !p.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .Select(p => (Path: p, Text: File.ReadAllText(p)))
            .Append((Path: "GlobalUsings.cs", Text: "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Threading; global using System.Threading.Tasks;"))
            .Append(Probe)
            .ToList();

        // The sources are the DSL itself, so its built assembly must not be referenced beside them.
        var references = Compiler.References.Where(r => !string.Equals(Path.GetFileName(r.Display), "FluentNets.Dsl.dll", StringComparison.Ordinal));
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, s.Path, cancellationToken: cancellation)).ToList();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: true);
        CSharpCompilation Fresh() => CSharpCompilation.Create("FluentNets.Dsl", trees, references, options);

        var plain = new List<double>();
        var with = new List<double>();
        var analyzerTimes = new List<double>();
        var cpu = new List<double>();
        for (int round = 0; round < Rounds + 2; round++)
        {
            var clock = Stopwatch.StartNew();
            var errors = Fresh().GetDiagnostics(cancellation).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            double withoutMs = clock.Elapsed.TotalMilliseconds;
            Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));

            var analyzer = new ShapeAnalyzer();
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            clock.Restart();
            var analyzed = Fresh().WithAnalyzers([analyzer], new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]), onAnalyzerException: (e, _, _) => throw e, concurrentAnalysis: true, logAnalyzerExecutionTime: true));
            var result = await analyzed.GetAnalysisResultAsync(cancellation);
            var diagnostics = result.GetAllDiagnostics();
            double withMs = clock.Elapsed.TotalMilliseconds;
            process.Refresh();
            double cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
            var telemetry = result.AnalyzerTelemetryInfo[analyzer];
            // The probe's one broken chain shows the analyzer ran; the zoo and the rest of the DSL get nothing.
            var reported = diagnostics.Where(d => d.Id.StartsWith("FN", StringComparison.Ordinal)).ToList();
            Assert.True(reported.Count == 1 && reported[0].Location.SourceTree!.FilePath == Probe.Path, string.Join("\n", reported));

            // The first two rounds load and JIT Roslyn and the analyzer.
            if (round >= 2)
            {
                plain.Add(withoutMs);
                with.Add(withMs);
                analyzerTimes.Add(telemetry.ExecutionTime.TotalMilliseconds);
                cpu.Add(cpuMs);
            }
        }

        string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        TestContext.Current.TestOutputHelper!.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{trees.Count} files of src/Dsl, {Rounds} rounds, load average {load}: "
            + $"compile without the analyzer min {plain.Min():F0} median {Median(plain):F0} ms; with it min {with.Min():F0} median {Median(with):F0} ms (CPU time median {Median(cpu):F0} ms); "
            + $"the analyzer's own execution time min {analyzerTimes.Min():F1} median {Median(analyzerTimes):F1} max {analyzerTimes.Max():F1} ms; "
            + $"added wall time median {Median(with) - Median(plain):F0} ms."));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
