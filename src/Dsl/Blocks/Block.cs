using FluentNets.Graph;

namespace FluentNets;

/// <summary>Named blocks: a scope that prefixes the names of the layers built inside it.</summary>
public static class BlockExtensions
{
    /// <summary>
    /// Runs <paramref name="body"/> in a block named <paramref name="name"/>: its layers are named
    /// <c>name/layer</c>, and a summary at depth 1 folds them into one row. If the body throws,
    /// every name it took is released and the handle is unchanged.
    /// </summary>
    /// <exception cref="NetBuildException">The name is taken, or the body breaks a rule.</exception>
    public static Net<TOut> Block<TIn, TOut>(this Net<TIn> x, string name, Func<Net<TIn>, Net<TOut>> body)
        where TIn : Layout
        where TOut : Layout
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(body);
        string path = BuildContext.Path(x.Scope, name);
        if (name.Length == 0 || name.Contains('/') || x.Context.IsTaken(path))
        {
            throw new NetBuildException(path, [x.Shape], name.Length == 0 || name.Contains('/')
                ? $"{path}: a block name must be non-empty and contain no '/'. Received: name=\"{name}\"."
                : $"{path}: the name is already used by another layer or block of this network.");
        }

        int checkpoint = x.Context.Checkpoint();
        try
        {
            x.Context.Commit(path + "/");
            var result = body(x.InScope(path));
            return new Net<TOut>(result.Node, result.Context, x.Scope, (System.Collections.Immutable.ImmutableList<AuxiliaryOutput>)result.Auxiliary);
        }
        catch
        {
            x.Context.Rollback(checkpoint);
            throw;
        }
    }

    /// <summary>Runs <paramref name="body"/> in a block with the next free automatic name (<c>prefix</c>, <c>prefix_1</c>...).</summary>
    /// <exception cref="NetBuildException">The body breaks a rule.</exception>
    public static Net<TOut> AutoBlock<TIn, TOut>(this Net<TIn> x, string prefix, string? name, Func<Net<TIn>, Net<TOut>> body)
        where TIn : Layout
        where TOut : Layout
    {
        ArgumentNullException.ThrowIfNull(x);
        // The proposal is a path in the current scope; the block takes its last segment. A name the
        // user gives goes to Block as it is, which rejects a '/'.
        string chosen = name ?? x.Context.Propose(x.Scope, prefix, null).Split('/')[^1];
        return x.Block(chosen, body);
    }

    /// <summary>Applies <paramref name="block"/> <paramref name="n"/> times; the block gets the index, from 0.</summary>
    /// <exception cref="NetBuildException">n is negative, or a block breaks a rule.</exception>
    public static Net<T> Repeat<T>(this Net<T> x, int n, Func<Net<T>, int, Net<T>> block)
        where T : Layout
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(block);
        if (n < 0)
        {
            throw new NetBuildException(x.Name, [x.Shape], $"{x.Name}: Repeat needs a count of at least 0. Received: n={n}.");
        }

        for (int i = 0; i < n; i++)
        {
            x = block(x, i);
        }

        return x;
    }

    /// <summary>Runs each branch on <paramref name="x"/> and concatenates the results along channels.</summary>
    /// <exception cref="NetBuildException">A branch breaks a rule, or the branches' sizes differ.</exception>
    public static Net<Image> Branches(this Net<Image> x, params Func<Net<Image>, Net<Image>>[] branches)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(branches);
        return Net.Concat(branches.Select(b => b(x)).ToArray());
    }

    /// <summary>
    /// Attaches an auxiliary head named <paramref name="name"/>: built on <paramref name="x"/>,
    /// trained with weight <paramref name="lossWeight"/>, dropped from the inference graph.
    /// Returns <paramref name="x"/> itself, carrying the head.
    /// </summary>
    /// <exception cref="NetBuildException">The head breaks a rule or lossWeight is negative.</exception>
    public static Net<T> Aux<T, THead>(this Net<T> x, string name, Func<Net<T>, Net<THead>> head, double lossWeight = 0.3)
        where T : Layout
        where THead : Layout
    {
        ArgumentNullException.ThrowIfNull(x);
        if (lossWeight < 0 || double.IsNaN(lossWeight))
        {
            string path = BuildContext.Path(x.Scope, name);
            throw new NetBuildException(path, [x.Shape], $"{path}: lossWeight must not be negative. Received: lossWeight={lossWeight}.");
        }

        var output = x.Block(name, head);
        var withHeadAux = output.Auxiliary.Aggregate(x, (acc, a) => acc.Auxiliary.Contains(a) ? acc : acc.WithAuxiliary(a));
        return withHeadAux.WithAuxiliary(new AuxiliaryOutput(BuildContext.Path(x.Scope, name), output.Node, lossWeight));
    }
}
