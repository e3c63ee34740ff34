namespace FluentNets;

/// <summary>The few .NET Core helpers the linked DSL sources call, written for netstandard2.0.</summary>
internal static class Netstandard
{
    extension(ArgumentNullException)
    {
        /// <summary>Throws when <paramref name="argument"/> is null.</summary>
        public static void ThrowIfNull(object? argument)
        {
            if (argument is null)
            {
                throw new ArgumentNullException(nameof(argument));
            }
        }
    }

    /// <summary>Whether the string holds the character.</summary>
    public static bool Contains(this string text, char c) => text.IndexOf(c) >= 0;

    /// <summary>Pops the top item, if any.</summary>
    public static bool TryPop<T>(this Stack<T> stack, out T item)
    {
        if (stack.Count == 0)
        {
            item = default!;
            return false;
        }

        item = stack.Pop();
        return true;
    }

    /// <summary>Adds the entry unless the key is present.</summary>
    public static bool TryAdd<TKey, TValue>(this Dictionary<TKey, TValue> dictionary, TKey key, TValue value)
        where TKey : notnull
    {
        if (dictionary.ContainsKey(key))
        {
            return false;
        }

        dictionary.Add(key, value);
        return true;
    }

    extension(Enum)
    {
        /// <summary>Whether <paramref name="value"/> is one of its enum's named values.</summary>
        public static bool IsDefined<TEnum>(TEnum value)
            where TEnum : struct, Enum => Enum.IsDefined(typeof(TEnum), value);
    }

    /// <summary>Dequeues the front item, if any.</summary>
    public static bool TryDequeue<T>(this Queue<T> queue, out T item)
    {
        if (queue.Count == 0)
        {
            item = default!;
            return false;
        }

        item = queue.Dequeue();
        return true;
    }

    /// <summary>The last <paramref name="count"/> items.</summary>
    public static IEnumerable<T> TakeLast<T>(this IEnumerable<T> source, int count)
    {
        var items = source.ToList();
        return items.Skip(Math.Max(0, items.Count - count));
    }
}
