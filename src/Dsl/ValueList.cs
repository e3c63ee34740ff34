using System.Collections;

namespace FluentNets;

/// <summary>
/// An immutable list compared by its values, so that the records holding one (a layer's per-channel
/// constants, a parameter's shape) are equal when their values are.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] items;

    /// <summary>A list of <paramref name="items"/>, copied.</summary>
    /// <param name="items">The values.</param>
    public ValueList(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        this.items = items.ToArray();
    }

    /// <inheritdoc />
    public int Count => items.Length;

    /// <inheritdoc />
    public T this[int index] => items[index];

    /// <summary>A list of the given values.</summary>
    public static implicit operator ValueList<T>(T[] items) => new(items);

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    /// <summary>The values as an array, copied.</summary>
    public T[] ToArray() => (T[])items.Clone();

    /// <inheritdoc />
    public bool Equals(ValueList<T>? other) => other is not null && items.SequenceEqual(other.items);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    /// <inheritdoc />
    public override int GetHashCode() => items.Aggregate(17, (h, v) => h * 31 + (v is null ? 0 : EqualityComparer<T>.Default.GetHashCode(v)));

    /// <summary><c>[1, 2, 3]</c>.</summary>
    public override string ToString() => $"[{string.Join(", ", items)}]";
}
