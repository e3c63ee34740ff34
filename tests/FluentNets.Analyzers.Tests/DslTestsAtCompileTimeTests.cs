using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FluentNets.Analyzers.Tests;

/// <summary>
/// The DSL's unit tests assert the exact message of every rule at run time, many of them on chains
/// of constants. Compiled with the analyzer, those chains must get FN0001 with the message the test
/// asserts, inside the lambda the test expects to throw, and nowhere else.
/// </summary>
public class DslTestsAtCompileTimeTests
{
    [Fact]
    public async Task EveryConstantErrorTestOfTheDslGetsItsMessageAtCompileTime()
    {
        string root = Path.Combine(Compiler.RepositoryRoot(), "tests", "FluentNets.Dsl.Tests");
        var sources = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(p => (p, File.ReadAllText(p)))
            .Append(("GlobalUsings.cs", "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Threading; global using System.Threading.Tasks; global using Xunit;"));
        var compilation = Compiler.Compile(sources, TestReferences(), assembly: "FluentNets.Dsl.Tests");

        var diagnostics = await Compiler.AnalyzeAsync(compilation);

        var errors = diagnostics.Where(d => d.Id == "FN0001").ToList();
        Assert.All(errors, error =>
        {
            var node = error.Location.SourceTree!.GetRoot(TestContext.Current.CancellationToken).FindNode(error.Location.SourceSpan);
            Assert.True(InsideAssertThrows(node), $"FN0001 outside an Assert.Throws lambda: {error}");
            var method = node.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().First();
            var literals = method.DescendantNodes().OfType<LiteralExpressionSyntax>()
                .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression)).Select(l => l.Token.ValueText);
            bool assertsMessage = method.DescendantNodes().OfType<MemberAccessExpressionSyntax>().Any(m => m.Name.Identifier.ValueText == "Message");
            Assert.True(!assertsMessage || literals.Contains(error.GetMessage()), $"{method.Identifier}: the test does not assert \"{error.GetMessage()}\"");
        });

        // The constant error tests of the DSL's unit tests when this was written; the rest use [Theory] data or helpers.
        Assert.True(errors.Count >= MeasuredErrors, $"{errors.Count} FN0001 diagnostics, {MeasuredErrors} expected");
        Assert.DoesNotContain(diagnostics, d => d.Id == "FN0002" && !InsideAssertThrows(d.Location.SourceTree!.GetRoot(TestContext.Current.CancellationToken).FindNode(d.Location.SourceSpan)));
    }

    private const int MeasuredErrors = 43;

    private static bool InsideAssertThrows(SyntaxNode node) =>
        node.Ancestors().OfType<InvocationExpressionSyntax>().Any(i =>
            i.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Assert" }, Name.Identifier.ValueText: var name }
            && name.StartsWith("Throws", StringComparison.Ordinal));

    private static IEnumerable<MetadataReference> TestReferences() =>
        Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("xunit.", StringComparison.Ordinal) || f.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)) && !f.Contains("Testing", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
}
