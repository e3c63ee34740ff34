using System.Collections.Concurrent;

namespace FluentNets.Data;

/// <summary>
/// The examples as loaded, shared by every view of a data set (splits, resizes, normalisations):
/// pixels channel-planar (C, H, W) one example after another, either as bytes with a divisor
/// (255 for images, 16 for the digits: a quarter of the memory, scaled to [0, 1] only when a batch
/// is made), as floats, or as a decoder that reads an example from its file each time it is
/// asked for (an image folder: memory holds the file names, not the pixels).
/// </summary>
internal sealed class ExampleStore
{
    private readonly byte[]? bytes;
    private readonly float[]? byteValues;
    private readonly float[]? floats;
    private readonly ExampleDecoder? decoder;
    private readonly Func<int, string>? sources;
    private readonly ConcurrentDictionary<int, SkippedFile> damaged = new();

    private ExampleStore(Shape shape, int[] labels, byte[]? bytes, float divisor, float[]? floats, ExampleDecoder? decoder = null, Func<int, string>? sources = null)
    {
        this.decoder = decoder;
        this.sources = sources;
        Shape = shape;
        Labels = labels;
        this.bytes = bytes;
        this.floats = floats;
        ExampleSize = checked((int)shape.Elements);
        if (bytes is not null)
        {
            // Division, not multiplication by 1/divisor, so 255 / 255 is exactly 1.
            byteValues = Enumerable.Range(0, 256).Select(b => b / divisor).ToArray();
        }
    }

    /// <summary>The shape of one stored example.</summary>
    public Shape Shape { get; }

    /// <summary>One label per stored example.</summary>
    public int[] Labels { get; }

    /// <summary>Scalars in one example.</summary>
    public int ExampleSize { get; }

    /// <summary>Examples stored as bytes; a pixel's value is its byte over <paramref name="divisor"/>.</summary>
    public static ExampleStore FromBytes(Shape shape, byte[] pixels, int[] labels, float divisor) =>
        new(shape, labels, pixels, divisor, null);

    /// <summary>Examples stored as floats.</summary>
    public static ExampleStore FromFloats(Shape shape, float[] pixels, int[] labels) =>
        new(shape, labels, null, 1, pixels);

    /// <summary>Examples decoded on demand: <paramref name="decoder"/> writes example i's (C, H, W) values in [0, 1].</summary>
    /// <remarks>
    /// With <paramref name="sources"/>, an example whose file turns out damaged when it is decoded (a header that
    /// was fine, pixels that are not) is left out of every batch from then on and listed in <see cref="Damaged"/>.
    /// </remarks>
    public static ExampleStore FromDecoder(Shape shape, int[] labels, ExampleDecoder decoder, Func<int, string>? sources = null) =>
        new(shape, labels, null, 1, null, decoder, sources);

    /// <summary>The files found damaged while decoding, in path order; empty unless the store skips them.</summary>
    public IReadOnlyList<SkippedFile> Damaged => [.. damaged.Values.OrderBy(f => f.Path, StringComparer.Ordinal)];

    /// <summary>
    /// Writes example <paramref name="index"/>'s values, or returns false for an example whose file a
    /// skipping decoder store found damaged, now or before.
    /// </summary>
    /// <exception cref="DataFormatException">A file is damaged and the store does not skip such files.</exception>
    public bool TryCopyExample(int index, Span<float> destination)
    {
        if (sources is null)
        {
            CopyExample(index, destination);
            return true;
        }

        if (damaged.ContainsKey(index))
        {
            return false;
        }

        try
        {
            CopyExample(index, destination);
            return true;
        }
        catch (DataFormatException e)
        {
            damaged.TryAdd(index, new SkippedFile(sources(index), $"expected {e.Expected}, found {e.Found}"));
            return false;
        }
    }

    /// <summary>Writes example <paramref name="index"/>'s values into <paramref name="destination"/>.</summary>
    public void CopyExample(int index, Span<float> destination)
    {
        if (decoder is not null)
        {
            decoder(index, destination);
            return;
        }

        var start = (long)index * ExampleSize;
        if (floats is not null)
        {
            floats.AsSpan(checked((int)start), ExampleSize).CopyTo(destination);
            return;
        }

        var source = bytes.AsSpan(checked((int)start), ExampleSize);
        var values = byteValues!;
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = values[source[i]];
        }
    }
}

/// <summary>Writes example <paramref name="index"/>'s channel-planar values into <paramref name="destination"/>.</summary>
internal delegate void ExampleDecoder(int index, Span<float> destination);
