using System.Collections.Immutable;
using FluentNets.Analyzers.Evaluation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace FluentNets.Analyzers;

/// <summary>
/// Reports the shape errors of fluent chains that start at <c>Net.Input(...)</c> with constant
/// arguments, while the code is typed: FN0001 where the builder would throw, FN0002 where strict
/// mode would. It runs the DSL's own builder, compiled into this assembly from the same sources.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ShapeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.BrokenChain, Descriptors.UnevenStride);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var net = start.Compilation.GetTypeByMetadataName("FluentNets.Net");
            if (net is null || !Linked.IsDsl(net))
            {
                return;
            }

            var linked = new Linked();
            start.RegisterSemanticModelAction(c => AnalyzeFile(c, net, linked));
        });
    }

    /// <summary>
    /// Runs, once each, the bodies of the file that call <c>Net.Input</c>. A file without such a
    /// call costs one walk over its syntax with two string compares per invocation, and binds nothing.
    /// </summary>
    private static void AnalyzeFile(SemanticModelAnalysisContext context, INamedTypeSymbol net, Linked linked)
    {
        List<(SyntaxNode Root, InvocationExpressionSyntax Input)>? roots = null;
        foreach (var node in context.SemanticModel.SyntaxTree.GetRoot(context.CancellationToken).DescendantNodes())
        {
            if (node is InvocationExpressionSyntax invocation && LooksLikeInput(invocation)
                && Root(invocation) is { } root
                && (context.FilterSpan is not { } filter || root.Span.IntersectsWith(filter))
                && (roots is null || !roots.Exists(r => r.Root == root)))
            {
                (roots ??= []).Add((root, invocation));
            }
        }

        foreach (var (root, input) in roots ?? [])
        {
            if (context.SemanticModel.GetSymbolInfo(input, context.CancellationToken).Symbol is IMethodSymbol method
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, net))
            {
                var statements = Statements(root, context.SemanticModel, context.CancellationToken);
                new Evaluator(linked, context.SemanticModel, context.ReportDiagnostic, context.CancellationToken)
                    .RunBody(statements, new Scope(null));
            }
        }
    }

    /// <summary><c>Net.Input(...)</c> or <c>FluentNets.Net.Input(...)</c>, by syntax alone.</summary>
    private static bool LooksLikeInput(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Input" } access
        && access.Expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == "Net",
            MemberAccessExpressionSyntax qualified => qualified.Name.Identifier.ValueText == "Net",
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText == "Net",
            _ => false,
        };

    /// <summary>The member (or local function, or the file's top-level statements) whose body is run.</summary>
    private static SyntaxNode? Root(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case BaseMethodDeclarationSyntax:
                case LocalFunctionStatementSyntax:
                case AccessorDeclarationSyntax:
                case ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax }:
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } or PropertyDeclarationSyntax }:
                    return current;
                case GlobalStatementSyntax:
                    return current.Parent;
                case TypeDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    private static IEnumerable<IOperation> Statements(SyntaxNode root, SemanticModel model, CancellationToken cancellation)
    {
        if (root is CompilationUnitSyntax unit)
        {
            return unit.Members.OfType<GlobalStatementSyntax>()
                .Select(g => model.GetOperation(g.Statement, cancellation))
                .Where(o => o is not null)!;
        }

        var operation = model.GetOperation(root, cancellation);
        return operation switch
        {
            IMethodBodyBaseOperation body => (body.BlockBody ?? body.ExpressionBody)?.Operations ?? Enumerable.Empty<IOperation>(),
            ILocalFunctionOperation local => local.Body?.Operations ?? Enumerable.Empty<IOperation>(),
            IBlockOperation block => block.Operations,
            ISymbolInitializerOperation initializer => [initializer],
            _ => [],
        };
    }
}
