extern alias analyzer;

using System.Collections.Immutable;
using analyzer::FluentNets.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace FluentNets.Analyzers.Tests;

/// <summary>Compiles C# against FluentNets.Dsl and runs the shape analyzer on it, without the network.</summary>
internal static class Compiler
{
    /// <summary>The .NET reference assemblies of the SDK that runs the tests, and FluentNets.Dsl.</summary>
    public static ImmutableArray<MetadataReference> References { get; } = LoadReferences();

    /// <summary>The same references for Microsoft.CodeAnalysis.Testing, which would otherwise download them.</summary>
    public static ReferenceAssemblies ReferenceAssemblies { get; } = new("net10.0");

    public static CSharpCompilation Compile(IEnumerable<(string Path, string Text)> sources, IEnumerable<MetadataReference>? extra = null, string assembly = "Analyzed") =>
        CSharpCompilation.Create(
            assembly,
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, new CSharpParseOptions(LanguageVersion.Preview), s.Path)),
            References.AddRange(extra ?? []),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The analyzer's diagnostics, after checking the code compiles on its own.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(CSharpCompilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
        var analyzed = compilation.WithAnalyzers([new ShapeAnalyzer()], new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: (e, _, _) => throw e, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        return (await analyzed.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken)).Sort((a, b) => a.Location.SourceSpan.Start.CompareTo(b.Location.SourceSpan.Start));
    }

    /// <summary>The repository's root, found from the test's output folder.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FluentNets.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("FluentNets.sln is not above " + AppContext.BaseDirectory);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // .../shared/Microsoft.NETCore.App/10.0.x/System.Private.CoreLib.dll -> .../packs/Microsoft.NETCore.App.Ref/10.0.x/ref/net10.0
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string dotnet = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        string packs = Path.Combine(dotnet, "packs", "Microsoft.NETCore.App.Ref");
        string? refs = Directory.Exists(packs)
            ? Directory.GetDirectories(packs).OrderByDescending(d => d, StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "ref", "net10.0")).FirstOrDefault(Directory.Exists)
            : null;
        var framework = refs is not null
            ? Directory.GetFiles(refs, "*.dll")
            : ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll");
        return [.. framework.Select(p => MetadataReference.CreateFromFile(p)), MetadataReference.CreateFromFile(typeof(Net).Assembly.Location)];
    }
}
