using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FluentNets.Dsl.Tests;

/// <summary>
/// The layout type parameter of <see cref="Net{T}"/> makes the C# compiler reject a layer on the
/// wrong kind of tensor. Each snippet is compiled with Roslyn against FluentNets.Dsl.
/// </summary>
public class CompileTimeLayoutTests
{
    private static readonly MetadataReference[] References = LoadReferences();

    [Theory]
    [InlineData("Net.Input(28, 28, 1).Conv(8, 3)")]
    [InlineData("Net.Input(28, 28, 1).Conv(8, 3).MaxPool(2).Flatten().Dense(10)")]
    [InlineData("Net.Input(28, 28, 1).GlobalAvgPool().Dense(10).Dropout(0.5).Relu()")]
    [InlineData("Net.Input(28, 28, 1).BatchNorm().Relu().Dropout(0.2).ZeroPad(1).Lrn()")]
    [InlineData("Net.Input(784).Dense(128, activation: Activation.Relu).Dense(10)")]
    [InlineData("Net.Concat(Net.Input(8, 8, 3).Conv(4, 1), Net.Input(8, 8, 3).Conv(4, 3, pad: Padding.Same))")]
    [InlineData("Net.Multiply(Net.Input(8, 8, 4), Net.Input(8, 8, 4).GlobalAvgPool().Dense(4))")]
    [InlineData("Net.Input(28, 28, 1).Block(\"head\", x => x.Flatten().Dense(10))")]
    [InlineData("Net.Input(1, 1, 1024).Dense(1000).Conv(8, 1)")]
    [InlineData("Net.Input(28, 28, 1).Conv(8, 3).ToNetwork(\"model\")")]
    public void RightChainsCompile(string expression) =>
        Assert.Empty(Errors(expression));

    [Theory]
    [InlineData("Net.Input(28, 28, 1).Flatten().Conv(8, 3)", "Net<Vector>", "Conv", "FluentNets.Net<FluentNets.Image>")]
    [InlineData("Net.Input(28, 28, 1).GlobalAvgPool().MaxPool(2)", "Net<Vector>", "MaxPool", "FluentNets.Net<FluentNets.Image>")]
    [InlineData("Net.Input(28, 28, 1).Flatten().BatchNorm()", "Net<Vector>", "BatchNorm", "FluentNets.Net<FluentNets.Image>")]
    [InlineData("Net.Input(28, 28, 1).Flatten().Flatten()", "Net<Vector>", "Flatten", "FluentNets.Net<FluentNets.Image>")]
    [InlineData("Net.Input(784).GlobalAvgPool()", "Net<Vector>", "GlobalAvgPool", "FluentNets.Net<FluentNets.Image>")]
    [InlineData("Net.Input(784).SeparableConv(8, 3)", "Net<Vector>", "SeparableConv", "FluentNets.Net<FluentNets.Image>")]
    [InlineData("Net.Input(28, 28, 1).Conv(8, 3).Flatten().Dense(10).Conv(8, 3)", "Net<Vector>", "Conv", "FluentNets.Net<FluentNets.Image>")]
    public void ALayerOnTheWrongLayoutIsACompileError(string expression, string receiver, string method, string required)
    {
        var error = Assert.Single(Errors(expression));
        Assert.Equal("CS1929", error.Id);
        string message = Message(error);
        Assert.StartsWith($"'{receiver}' does not contain a definition for '{method}' and the best extension method overload", message, StringComparison.Ordinal);
        Assert.EndsWith($"requires a receiver of type '{required}'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConcatenatingAnImageWithAVectorIsACompileError()
    {
        var error = Assert.Single(Errors("Net.Concat(Net.Input(8, 8, 3), Net.Input(8, 8, 3).Flatten())"));
        Assert.Equal("CS1503", error.Id);
        Assert.Equal("Argument 2: cannot convert from 'FluentNets.Net<FluentNets.Vector>' to 'FluentNets.Net<FluentNets.Image>'", Message(error));
    }

    [Fact]
    public void NoOtherLayoutCanBeDeclared()
    {
        var error = Assert.Single(Errors("0", "public sealed class Tensor4 : Layout { }"));
        Assert.Equal("CS0122", error.Id);
        Assert.Equal("'Layout.Layout()' is inaccessible due to its protection level", Message(error));
    }

    [Fact]
    public void ALayoutIsOnlyAPhantomType()
    {
        var error = Assert.Single(Errors("new Image()"));
        Assert.Equal("CS1729", error.Id);
        Assert.Equal("'Image' does not contain a constructor that takes 0 arguments", Message(error));
    }

    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    private static IReadOnlyList<Diagnostic> Errors(string expression, string extraType = "")
    {
        string source = $$"""
            using FluentNets;

            public static class Snippet
            {
                public static object Build() => {{expression}};
            }

            {{extraType}}
            """;
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [CSharpSyntaxTree.ParseText(source)],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    private static MetadataReference[] LoadReferences()
    {
        string platform = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var paths = new HashSet<string>(platform.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal)
        {
            typeof(Net).Assembly.Location,
        };
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    }
}
