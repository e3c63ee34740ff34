namespace FluentNets.Data;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny generator whose output depends only on the
/// seed, never on the machine or the .NET version (System.Random's seeded sequence is not
/// promised to stay the same), so a seeded shuffle or split is reproducible everywhere.
/// </summary>
internal sealed class SeededRandom(int seed)
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    private ulong state = unchecked((ulong)seed);

    /// <summary>The SplitMix64 finaliser: a well-mixed 64-bit hash of <paramref name="value"/>.</summary>
    public static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    /// <summary>A uniform double in [0, 1) from the top 53 bits of <paramref name="bits"/>.</summary>
    public static double ToUnit(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));

    /// <summary>The next 64 random bits.</summary>
    public ulong NextBits() => Mix(state += Golden);

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias.</summary>
    public int NextInt(int bound)
    {
        var range = (ulong)bound;
        while (true)
        {
            var bits = NextBits();
            var value = bits % range;
            // Reject the incomplete last block of size range at the top of the 64-bit space.
            if (bits - value <= ulong.MaxValue - (range - 1))
            {
                return (int)value;
            }
        }
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher-Yates).</summary>
    public void Shuffle(int[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>0, 1, ..., <paramref name="count"/> - 1 in an order fixed by the seed.</summary>
    public static int[] Permutation(int count, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new SeededRandom(seed).Shuffle(order);
        return order;
    }
}
