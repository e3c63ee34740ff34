namespace FluentNets.Analyzers.Evaluation;

/// <summary>A <c>Func&lt;T1, TResult&gt;</c> whose body the evaluator interprets from source.</summary>
internal sealed class Bridge<T1, TResult>(Func<object?[], object?> body)
{
    public TResult Invoke(T1 a) => (TResult)body([a])!;
}

/// <summary>A <c>Func&lt;T1, T2, TResult&gt;</c> whose body the evaluator interprets from source.</summary>
internal sealed class Bridge<T1, T2, TResult>(Func<object?[], object?> body)
{
    public TResult Invoke(T1 a, T2 b) => (TResult)body([a, b])!;
}
