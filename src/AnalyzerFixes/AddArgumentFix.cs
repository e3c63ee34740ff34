using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FluentNets.Analyzers;

/// <summary>
/// Applies the fix an FN0001 message names when it is one argument of the failing call, such as
/// <c>pad: Padding.Same</c> or <c>shortcut: Shortcut.Projection</c>: the named argument is added,
/// or replaces the one given.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddArgumentFix))]
[Shared]
public sealed class AddArgumentFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.BrokenChain.Id);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || !diagnostic.Properties.TryGetValue(Descriptors.FixArgument, out var fix) || fix is null)
            {
                continue;
            }

            var invocation = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                .AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
            if (invocation is null)
            {
                continue;
            }

            string name = fix.Substring(0, fix.IndexOf(':'));
            var argument = SyntaxFactory.ParseArgumentList($"({fix})").Arguments[0];
            var existing = invocation.ArgumentList.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == name);
            var arguments = existing is null
                ? invocation.ArgumentList.AddArguments(argument)
                : invocation.ArgumentList.ReplaceNode(existing, argument.WithTriviaFrom(existing));
            var changed = root.ReplaceNode(invocation.ArgumentList, arguments);
            context.RegisterCodeFix(
                CodeAction.Create($"Use {fix}", _ => Task.FromResult(context.Document.WithSyntaxRoot(changed)), equivalenceKey: fix),
                diagnostic);
        }
    }
}
