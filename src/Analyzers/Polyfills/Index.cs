namespace System;

/// <summary>netstandard2.0 stand-in for <c>System.Index</c>, for the linked DSL's <c>[^1]</c>.</summary>
internal readonly struct Index
{
    private readonly int value;

    /// <summary>An index from the start, or from the end when <paramref name="fromEnd"/> is true.</summary>
    public Index(int value, bool fromEnd = false) => this.value = fromEnd ? ~value : value;

    /// <summary>The offset the index resolves to in a collection of <paramref name="length"/> items.</summary>
    public int GetOffset(int length) => value < 0 ? length + value + 1 : value;
}
