using FluentNets.Graph;
using Microsoft.CodeAnalysis;

namespace FluentNets.Analyzers.Evaluation;

/// <summary>The known values of locals and parameters; a name that is absent is not known.</summary>
internal sealed class Scope(Scope? parent)
{
    private readonly Scope? parent = parent;
    private readonly Dictionary<ISymbol, object?> values = new(SymbolEqualityComparer.Default);

    public bool TryGet(ISymbol symbol, out object? value)
    {
        for (var scope = this; scope is not null; scope = scope.parent)
        {
            if (scope.values.TryGetValue(symbol, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    public void Declare(ISymbol symbol, object? value) => values[symbol] = value;

    /// <summary>Assigns where the local lives, or declares it here.</summary>
    public void Assign(ISymbol symbol, object? value)
    {
        for (var scope = this; scope is not null; scope = scope.parent)
        {
            if (scope.values.ContainsKey(symbol))
            {
                scope.values[symbol] = value;
                return;
            }
        }

        values[symbol] = value;
    }

    /// <summary>Forgets a local everywhere it is known.</summary>
    public void Forget(ISymbol symbol)
    {
        for (var scope = this; scope is not null; scope = scope.parent)
        {
            scope.values.Remove(symbol);
        }
    }

    /// <summary>
    /// Forgets every network handle: after code the evaluator could not follow, a handle's network
    /// may have taken names it does not know of, and its automatic names would be guessed wrong.
    /// </summary>
    public void ForgetNetworks()
    {
        for (var scope = this; scope is not null; scope = scope.parent)
        {
            foreach (var key in scope.values.Where(p => Values.IsNetwork(p.Value)).Select(p => p.Key).ToList())
            {
                scope.values.Remove(key);
            }
        }
    }

    public bool HoldsNetwork(ISymbol symbol) => TryGet(symbol, out var value) && Values.IsNetwork(value);
}

/// <summary>What the evaluator knows about the DSL's own values.</summary>
internal static class Values
{
    public static bool IsNetwork(object? value) =>
        value is Net<Image> or Net<Vector> or Network or Delegate || value is Array { Length: > 0 } array && IsNetwork(array.GetValue(0));

    public static Node? NodeOf(object? value) => value switch
    {
        Net<Image> image => image.Node,
        Net<Vector> vector => vector.Node,
        _ => null,
    };

    public static BuildContext? ContextOf(object? value) => value switch
    {
        Net<Image> image => image.Context,
        Net<Vector> vector => vector.Context,
        _ => null,
    };
}
