using Microsoft.CodeAnalysis;

namespace FluentNets.Analyzers;

/// <summary>The diagnostics of the shape analyzer.</summary>
public static class Descriptors
{
    /// <summary>The property of a diagnostic that holds the argument a code fix adds, e.g. <c>pad: Padding.Same</c>.</summary>
    public const string FixArgument = "FixArgument";

    /// <summary>FN0001: a constant chain that the builder rejects at run time.</summary>
    public static readonly DiagnosticDescriptor BrokenChain = new(
        id: "FN0001",
        title: "The network cannot be built",
        messageFormat: "{0}",
        category: "FluentNets.Shapes",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The fluent chain starts at Net.Input with constant arguments, and the call marked throws NetBuildException when it runs: the message is the exception's.");

    /// <summary>FN0002: a window whose (N - F + 2P) does not divide by its stride, which strict mode rejects.</summary>
    public static readonly DiagnosticDescriptor UnevenStride = new(
        id: "FN0002",
        title: "A window's stride does not divide its span",
        messageFormat: "{0}",
        category: "FluentNets.Shapes",
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The window floors its output like Keras and PyTorch, dropping the last rows or columns of the input; Net.Input(..., strict: true) rejects it with this message.");
}
