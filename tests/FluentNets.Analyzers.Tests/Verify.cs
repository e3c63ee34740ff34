extern alias analyzer;

using analyzer::FluentNets.Analyzers;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace FluentNets.Analyzers.Tests;

/// <summary>Microsoft.CodeAnalysis.Testing's analyzer and code fix tests, on FluentNets.Dsl and the SDK's reference assemblies.</summary>
internal static class Verify
{
    /// <summary>Wraps statements in a method with the usings a FluentNets file has.</summary>
    public static string InMethod(string statements) => $$"""
        using FluentNets;

        public static class Model
        {
            public static object Build()
            {
        {{statements}}
            }
        }
        """;

    /// <summary>Checks that the analyzer reports exactly the diagnostics marked in <paramref name="source"/>.</summary>
    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<ShapeAnalyzer, DefaultVerifier> { TestCode = source, ReferenceAssemblies = Compiler.ReferenceAssemblies };
        test.TestState.AdditionalReferences.AddRange(Compiler.References);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Checks the diagnostics and the code the fix makes of them.</summary>
    public static Task FixAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new CSharpCodeFixTest<ShapeAnalyzer, AddArgumentFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = Compiler.ReferenceAssemblies,
        };
        test.TestState.AdditionalReferences.AddRange(Compiler.References);
        test.FixedState.AdditionalReferences.AddRange(Compiler.References);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    public static DiagnosticResult Error(string message) => new DiagnosticResult(Descriptors.BrokenChain).WithMessage(message);

    public static DiagnosticResult Warning(string message) => new DiagnosticResult(Descriptors.UnevenStride).WithMessage(message);
}
