using System.Threading.Channels;
using FluentNets.Backends;

namespace FluentNets.Data;

/// <summary>
/// An immutable in-memory labelled data set of images (or vectors), ready to be batched for
/// training. Pixels are scaled to [0, 1] when loaded (bytes / 255; the digits / 16); a view can
/// add a resize to the network's input and a per-channel normalisation, applied as each batch is
/// made. <see cref="Split(double, int)"/>, <see cref="ResizeTo"/> and <see cref="Normalize"/> return new views
/// that share the loaded pixels, so they cost no copy.
/// </summary>
public sealed class DataSet
{
    private readonly ExampleStore store;
    private readonly int[] indices;
    private readonly int[] labels;
    private readonly Interpolation interpolation;
    private readonly float[]? mean;
    private readonly float[]? std;
    private readonly Lazy<ResizePlan?> plan;

    // View options set on a copy (With): channel order, training augmentation and prefetching.
    private bool bgr;
    private Augmentation? augmentation;
    private int prefetch;

    // Batches of fewer floats (a LeNet batch of digits is 32 x 1024) are made on the calling
    // thread, where handing out the work would cost more than it saves; larger ones (a CIFAR
    // batch is 128 x 3072) are spread over the cores.
    private const int ParallelThreshold = 1 << 16;

    private DataSet(string name, int classes, ExampleStore store, int[] indices, Shape shape, Interpolation interpolation, float[]? mean, float[]? std)
    {
        Name = name;
        Classes = classes;
        Shape = shape;
        this.store = store;
        this.indices = indices;
        this.interpolation = interpolation;
        this.mean = mean;
        this.std = std;
        labels = Array.ConvertAll(indices, i => store.Labels[i]);
        plan = new Lazy<ResizePlan?>(MakePlan);
    }

    /// <summary>A short name, e.g. <c>mnist-train</c> or <c>digits-validation</c>.</summary>
    public string Name { get; }

    /// <summary>The shape of one example as batches deliver it, in the DSL's (H, W, C) order.</summary>
    public Shape Shape { get; }

    /// <summary>The number of classes; every label is in [0, Classes).</summary>
    public int Classes { get; }

    /// <summary>The number of examples.</summary>
    public int Count => indices.Length;

    /// <summary>The examples' labels, in the data set's order.</summary>
    public IReadOnlyList<int> Labels => Array.AsReadOnly(labels);

    /// <summary>
    /// A data set of float pixels, copied. <paramref name="pixels"/> holds the examples one after
    /// another, each channel-planar: (N, C, H, W) for an image shape, (N, C) for a vector shape.
    /// </summary>
    /// <exception cref="ArgumentException">The pixel count is not labels x the shape's size, a label is outside [0, classes), or classes is below 1.</exception>
    public static DataSet FromPixels(string name, Shape shape, ReadOnlySpan<float> pixels, ReadOnlySpan<int> labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        var copy = labels.ToArray();
        CheckLabels(copy, classes);
        if (pixels.Length != labels.Length * shape.Elements)
        {
            throw new ArgumentException($"{name}: expected {labels.Length} x {shape.Elements} = {labels.Length * shape.Elements} pixels for {labels.Length} labels of shape {shape}, found {pixels.Length}.", nameof(pixels));
        }

        return Create(name, classes, ExampleStore.FromFloats(shape, pixels.ToArray(), copy));
    }

    internal static DataSet Create(string name, int classes, ExampleStore store) =>
        new(name, classes, store, Enumerable.Range(0, store.Labels.Length).ToArray(), store.Shape, Interpolation.Bilinear, null, null);

    internal static void CheckLabels(int[] labels, int classes)
    {
        if (classes < 1)
        {
            throw new ArgumentException($"expected at least 1 class, found {classes}.", nameof(classes));
        }

        var bad = Array.FindIndex(labels, l => l < 0 || l >= classes);
        if (bad >= 0)
        {
            throw new ArgumentException($"expected labels 0..{classes - 1}, found {labels[bad]} at index {bad}.", nameof(labels));
        }
    }

    /// <summary>
    /// Splits the examples at random, the same way for the same seed on every machine: the first
    /// part gets <paramref name="fraction"/> of them (rounded to the nearest whole example), the
    /// second the rest. Each part keeps the data set's order. <c>Split(0.8, 42)</c> of the 1797 digits
    /// gives 1438 and 359.
    /// </summary>
    /// <param name="fraction">The first part's share, strictly between 0 and 1.</param>
    /// <param name="seed">Chooses which examples go where.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not strictly between 0 and 1.</exception>
    /// <exception cref="ArgumentException">A part would be empty.</exception>
    public (DataSet Train, DataSet Validation) Split(double fraction, int seed)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "expected a fraction strictly between 0 and 1.");
        }

        var first = (int)Math.Round(fraction * Count, MidpointRounding.AwayFromZero);
        if (first == 0 || first == Count)
        {
            throw new ArgumentException($"{Name}: splitting {Count} examples at {fraction} leaves a part empty.", nameof(fraction));
        }

        var order = SeededRandom.Permutation(Count, seed);
        return (Subset($"{Name}-train", order[..first]), Subset($"{Name}-validation", order[first..]));
    }

    private DataSet Subset(string name, int[] positions)
    {
        Array.Sort(positions);
        return new DataSet(name, Classes, store, Array.ConvertAll(positions, p => indices[p]), Shape, interpolation, mean, std).Keeping(this);
    }

    /// <summary>
    /// The examples in batches of <paramref name="batchSize"/>, the last one smaller if the count
    /// is not a multiple; images as (N, C, H, W) float32 tensors (vectors as (N, C)) with their
    /// labels. Shuffled with the same seed, the order is the same on every machine; pass a
    /// different seed each epoch (e.g. the epoch number) for a new order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    public IEnumerable<(HostTensor Images, int[] Labels)> Batches(int batchSize, bool shuffle = false, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var order = shuffle ? SeededRandom.Permutation(Count, seed) : Enumerable.Range(0, Count).ToArray();
        var augment = shuffle ? augmentation : null;
        return prefetch > 0 ? Prefetched(order, batchSize, augment, seed) : BatchesInOrder(order, batchSize, augment, seed);
    }

    private IEnumerable<(HostTensor Images, int[] Labels)> BatchesInOrder(int[] order, int batchSize, Augmentation? augment, int seed)
    {
        for (var start = 0; start < order.Length; start += batchSize)
        {
            var positions = order[start..Math.Min(start + batchSize, order.Length)];
            var (images, kept) = Materialize(positions, augment, seed);
            if (kept.Length > 0)
            {
                yield return (images, Array.ConvertAll(kept, p => labels[p]));
            }
        }
    }

    // A producer task makes the batches in order into a channel of at most `prefetch` batches, so the
    // consumer rarely waits and memory holds no more than that many; leaving the loop early stops it.
    private IEnumerable<(HostTensor Images, int[] Labels)> Prefetched(int[] order, int batchSize, Augmentation? augment, int seed)
    {
        var channel = Channel.CreateBounded<(HostTensor, int[])>(new BoundedChannelOptions(prefetch) { SingleReader = true, SingleWriter = true });
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in BatchesInOrder(order, batchSize, augment, seed))
                {
                    await channel.Writer.WriteAsync(batch, stop.Token).ConfigureAwait(false);
                }

                channel.Writer.Complete();
            }
            catch (OperationCanceledException)
            {
                channel.Writer.TryComplete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        });
        try
        {
            while (true)
            {
                (HostTensor, int[]) batch;
                try
                {
                    if (!channel.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                    {
                        break;
                    }

                    if (!channel.Reader.TryRead(out batch))
                    {
                        continue;
                    }
                }
                catch (ChannelClosedException e) when (e.InnerException is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                    throw;
                }

                yield return batch;
            }
        }
        finally
        {
            stop.Cancel();
            producer.GetAwaiter().GetResult();
        }
    }

    // The batch's values and the positions they are of: all of them, less any example whose file was found damaged.
    private (HostTensor Images, int[] Positions) Materialize(int[] positions, Augmentation? augment, int seed)
    {
        var size = checked((int)Shape.Elements);
        var data = new float[checked(positions.Length * size)];
        var resize = plan.Value;
        var options = new ParallelOptions { MaxDegreeOfParallelism = data.Length >= ParallelThreshold ? -1 : 1 };
        var missing = new bool[positions.Length];
        try
        {
            MaterializeInto(data, positions, size, resize, options, augment, seed, missing);
        }
        catch (AggregateException e) when (e.InnerException is DataFormatException corrupt)
        {
            // A file that fails to decode is the caller's error to report, not a parallel loop's.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(corrupt);
        }

        if (Array.IndexOf(missing, true) < 0)
        {
            return (new HostTensor(HostTensor.BatchShape(Shape, positions.Length), data), positions);
        }

        var kept = new List<int>();
        var rows = new List<float>();
        for (var i = 0; i < positions.Length; i++)
        {
            if (!missing[i])
            {
                kept.Add(positions[i]);
                rows.AddRange(data.AsSpan(i * size, size));
            }
        }

        return (new HostTensor(HostTensor.BatchShape(Shape, kept.Count), [.. rows]), [.. kept]);
    }

    /// <summary>
    /// The files of this data set's examples that were found damaged when a batch decoded them (an image
    /// folder's file whose header was fine and pixels were not), so far: they are left out of every batch.
    /// </summary>
    public IReadOnlyList<SkippedFile> Damaged => store.Damaged;

    private void MaterializeInto(float[] data, int[] positions, int size, ResizePlan? resize, ParallelOptions options, Augmentation? augment, int seed, bool[] missing)
    {
        Parallel.For(
            0,
            positions.Length,
            options,
            () => resize is null && augment is null ? [] : new float[Math.Max(store.ExampleSize, size)],
            (i, _, scratch) =>
            {
                var example = data.AsSpan(i * size, size);
                var index = indices[positions[i]];
                if (resize is null)
                {
                    missing[i] = !store.TryCopyExample(index, example);
                }
                else if (store.TryCopyExample(index, scratch.AsSpan(0, store.ExampleSize)))
                {
                    Resample(resize, scratch, example);
                }
                else
                {
                    missing[i] = true;
                }

                if (missing[i])
                {
                    return scratch;
                }

                if (augment is not null && Shape.IsImage)
                {
                    augment.Apply(example, Shape.Channels, Shape.Height, Shape.Width, unchecked(((ulong)(uint)seed << 32) | (uint)index), scratch);
                }

                if (bgr)
                {
                    // RGB to BGR: the first and last planes trade places.
                    var plane = size / Shape.Channels;
                    var first = example[..plane];
                    var last = example[(size - plane)..];
                    for (var p = 0; p < plane; p++)
                    {
                        (first[p], last[p]) = (last[p], first[p]);
                    }
                }

                if (mean is not null)
                {
                    Standardize(example);
                }

                return scratch;
            },
            _ => { });
    }

    private void Resample(ResizePlan resize, ReadOnlySpan<float> source, Span<float> destination)
    {
        int inPlane = resize.InHeight * resize.InWidth, outPlane = resize.OutHeight * resize.OutWidth;
        var sourceChannels = store.Shape.Channels;
        for (var c = 0; c < sourceChannels; c++)
        {
            resize.Resample(source.Slice(c * inPlane, inPlane), destination.Slice(c * outPlane, outPlane));
        }

        // Grey to RGB: the one plane, repeated.
        for (var c = sourceChannels; c < Shape.Channels; c++)
        {
            destination[..outPlane].CopyTo(destination.Slice(c * outPlane, outPlane));
        }
    }

    private void Standardize(Span<float> example)
    {
        var plane = example.Length / Shape.Channels;
        for (var c = 0; c < Shape.Channels; c++)
        {
            float m = mean![c], s = std![c];
            foreach (ref var value in example.Slice(c * plane, plane))
            {
                value = (value - m) / s;
            }
        }
    }

    private ResizePlan? MakePlan() =>
        Shape.Equals(store.Shape) ? null : new ResizePlan(store.Shape.Height, store.Shape.Width, Shape.Height, Shape.Width, interpolation);

    /// <summary>
    /// This data set resized to <paramref name="target"/>'s height and width, for a network whose
    /// input is <paramref name="target"/>. Grey images become RGB by repeating their channel;
    /// no other channel count changes. Resizing always starts from the loaded pixels, so a second
    /// call replaces the first rather than resampling twice. The 8x8 digits become LeNet's 32x32x1
    /// with <c>ResizeTo(Shape.Image(32, 32, 1))</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The channels can't be converted, or one of the shapes is a vector and they differ.</exception>
    public DataSet ResizeTo(Shape target, Interpolation interpolation = Interpolation.Bilinear)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Equals(Shape) && target.Equals(store.Shape))
        {
            return this;
        }

        if (!target.IsImage || !Shape.IsImage)
        {
            throw new ArgumentException($"{Name}: cannot resize {Shape} to {target}: only images resize, to images.", nameof(target));
        }

        if (target.Channels != Shape.Channels && !(Shape.Channels == 1 && target.Channels == 3))
        {
            throw new ArgumentException($"{Name}: cannot convert {Shape.Channels}-channel images to {target.Channels} channels ({Shape} to {target}); only grey (1 channel) becomes RGB (3), by repeating the channel.", nameof(target));
        }

        return new DataSet(Name, Classes, store, indices, target, interpolation, Repeat(mean, target.Channels), Repeat(std, target.Channels)).Keeping(this);
    }

    private static float[]? Repeat(float[]? perChannel, int channels) =>
        perChannel is null || perChannel.Length == channels ? perChannel : Enumerable.Repeat(perChannel[0], channels).ToArray();

    /// <summary>
    /// This data set with each channel standardised, <c>(x - mean[c]) / std[c]</c>, after any
    /// resize (for a vector data set, each element is a channel). Normalising twice composes.
    /// <see cref="ChannelStatistics"/> gives this data set's own mean and deviation.
    /// </summary>
    /// <exception cref="ArgumentException">The lists' lengths are not the channel count, or a deviation is not positive and finite.</exception>
    public DataSet Normalize(IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        var channels = Shape.Channels;
        if (mean.Count != channels || std.Count != channels)
        {
            throw new ArgumentException($"{Name}: expected {channels} means and {channels} deviations, one per channel of {Shape}, found {mean.Count} and {std.Count}.", nameof(mean));
        }

        var bad = Enumerable.Range(0, channels).FirstOrDefault(c => !(std[c] > 0 && float.IsFinite(std[c])), -1);
        if (bad >= 0)
        {
            throw new ArgumentException($"{Name}: expected positive deviations, found std[{bad}] = {std[bad]}.", nameof(std));
        }

        // ((x - m1) / s1 - m2) / s2 = (x - (m1 + m2 s1)) / (s1 s2).
        var newMean = Enumerable.Range(0, channels).Select(c => this.mean is null ? mean[c] : this.mean[c] + mean[c] * this.std![c]).ToArray();
        var newStd = Enumerable.Range(0, channels).Select(c => this.std is null ? std[c] : this.std[c] * std[c]).ToArray();
        return new DataSet(Name, Classes, store, indices, Shape, interpolation, newMean, newStd).Keeping(this);
    }

    /// <summary>
    /// This data set preprocessed as keras.applications' <c>preprocess_input</c> does (after any
    /// resize): see <see cref="ImagePreprocessing"/>. It replaces any earlier normalisation.
    /// </summary>
    /// <exception cref="ArgumentException">caffe or torch on images of other than 3 channels.</exception>
    public DataSet Preprocess(ImagePreprocessing mode)
    {
        var (reverse, m, sd) = mode.Standardization(Shape.Channels);
        var view = new DataSet(Name, Classes, store, indices, Shape, interpolation, m, sd);
        return view.With(d => (d.bgr, d.augmentation, d.prefetch) = (reverse, augmentation, prefetch));
    }

    /// <summary>
    /// This data set with random changes (flip, crop) applied to its training batches, those drawn
    /// with <c>shuffle: true</c>; evaluation batches are left as they are.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The augmentation's scale is not in (0, 1].</exception>
    public DataSet Augment(Augmentation augmentation)
    {
        ArgumentNullException.ThrowIfNull(augmentation);
        augmentation.Validate();
        return With(d => d.augmentation = augmentation);
    }

    /// <summary>
    /// This data set with its batches made ahead on background threads, at most
    /// <paramref name="batches"/> waiting at a time (0 makes them on the reading thread).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batches"/> is negative.</exception>
    public DataSet Prefetch(int batches)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batches);
        return With(d => d.prefetch = batches);
    }

    /// <summary>
    /// Splits the examples at random into parts of the given fractions (<c>[0.75, 0.15, 0.10]</c>
    /// as tf_flowers' <c>train[:75%]</c>-style splits), the same way for the same seed on every
    /// machine. Each part's size is rounded; the last takes what is left. Fractions may sum to
    /// less than 1, leaving examples out.
    /// </summary>
    /// <exception cref="ArgumentException">A fraction is not in (0, 1], they sum to more than 1, or a part would be empty.</exception>
    public IReadOnlyList<DataSet> Split(IReadOnlyList<double> fractions, int seed)
    {
        ArgumentNullException.ThrowIfNull(fractions);
        if (fractions.Count == 0 || fractions.Any(f => !(f > 0 && f <= 1)) || fractions.Sum() > 1 + 1e-9)
        {
            throw new ArgumentException($"{Name}: expected fractions in (0, 1] summing to at most 1. Received: [{string.Join(", ", fractions)}].", nameof(fractions));
        }

        var order = SeededRandom.Permutation(Count, seed);
        var parts = new List<DataSet>();
        int start = 0;
        double cumulative = 0;
        string[] names = fractions.Count <= 3 ? ["train", "validation", "test"] : Enumerable.Range(0, fractions.Count).Select(i => $"part{i}").ToArray();
        for (int i = 0; i < fractions.Count; i++)
        {
            cumulative += fractions[i];
            int end = Math.Min(Count, (int)Math.Round(cumulative * Count, MidpointRounding.AwayFromZero));
            if (end <= start)
            {
                throw new ArgumentException($"{Name}: a fraction of {fractions[i]} of {Count} examples leaves the {names[i]} part empty.", nameof(fractions));
            }

            parts.Add(Subset($"{Name}-{names[i]}", order[start..end]));
            start = end;
        }

        return parts;
    }

    private DataSet Keeping(DataSet source)
    {
        (bgr, augmentation, prefetch) = (source.bgr, source.augmentation, source.prefetch);
        return this;
    }

    private DataSet With(Action<DataSet> change)
    {
        var copy = (DataSet)MemberwiseClone();
        change(copy);
        return copy;
    }

    /// <summary>Each channel's mean and population standard deviation over every example, as batches deliver them.</summary>
    public (float[] Mean, float[] Std) ChannelStatistics()
    {
        var channels = Shape.Channels;
        var sum = new double[channels];
        var squares = new double[channels];
        foreach (var (images, _) in Batches(256))
        {
            var plane = checked((int)(Shape.Elements / channels));
            for (var start = 0; start < images.Data.Length; start += plane)
            {
                var c = start / plane % channels;
                foreach (var value in images.Data.AsSpan(start, plane))
                {
                    sum[c] += value;
                    squares[c] += (double)value * value;
                }
            }
        }

        var n = (double)Count * Shape.Elements / channels;
        var means = sum.Select(s => s / n).ToArray();
        return (
            means.Select(m => (float)m).ToArray(),
            Enumerable.Range(0, channels).Select(c => (float)Math.Sqrt(Math.Max(squares[c] / n - means[c] * means[c], 0))).ToArray());
    }

    /// <summary>How many examples each class has: element k counts label k.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[Classes];
        foreach (var label in labels)
        {
            counts[label]++;
        }

        return counts;
    }

    /// <summary><c>digits: 1797 x 8x8x1, 10 classes</c>.</summary>
    public override string ToString() => $"{Name}: {Count} x {Shape}, {Classes} classes";
}
