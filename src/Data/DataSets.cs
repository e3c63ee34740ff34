using System.Globalization;
using System.IO.Compression;

namespace FluentNets.Data;

/// <summary>The data sets FluentNets ships or makes, and the CLI's <c>--data</c> spec.</summary>
public static class DataSets
{
    /// <summary>The seed <see cref="Parse"/> splits the digits with, so every run validates on the same 359.</summary>
    public const int DigitsSplitSeed = 42;

    /// <summary>
    /// The most bytes a data file may hold (decompressed) unless a reader is given another limit: 1 GiB,
    /// twenty times MNIST's largest file (47 MB) and thirty times a CIFAR-10 batch.
    /// </summary>
    public const long DefaultMaxFileBytes = 1L << 30;

    private const string DigitsResource = "FluentNets.Data.digits.csv.gz";
    private const string DigitsFile = "digits.csv.gz";
    private const int SyntheticCount = 1200;

    /// <summary>
    /// The embedded handwritten digits: 1797 8x8 grey images of the digits 0..9, pixels (counts
    /// 0..16) scaled by 1/16 to [0, 1]. Small enough to ship, so training runs with no download;
    /// <c>ResizeTo(Shape.Image(32, 32, 1))</c> fits them to LeNet-5.
    /// <para>
    /// Source: the test part of the UCI "Optical Recognition of Handwritten Digits" data set,
    /// E. Alpaydin and C. Kaynak (1998), <see href="https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits"/>, licensed
    /// under CC BY 4.0, as redistributed by scikit-learn (<c>sklearn.datasets.load_digits</c>).
    /// See <c>DIGITS-LICENSE.md</c> beside the file.
    /// </para>
    /// </summary>
    /// <exception cref="DataFormatException">The embedded file is damaged (a broken build).</exception>
    public static DataSet Digits()
    {
        using var resource = typeof(DataSets).Assembly.GetManifestResourceStream(DigitsResource)
            ?? throw new DataFormatException(DigitsFile, $"an embedded resource {DigitsResource}", "none");
        using var buffer = new MemoryStream();
        resource.CopyTo(buffer);
        var text = System.Text.Encoding.ASCII.GetString(DataFile.Decompress(DigitsFile, buffer.ToArray(), DefaultMaxFileBytes));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var pixels = new byte[lines.Length * 64];
        var labels = new int[lines.Length];
        for (var row = 0; row < lines.Length; row++)
        {
            var fields = lines[row].Split(',');
            var values = fields.Select(f => byte.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : byte.MaxValue).ToArray();
            if (values.Length != 65 || values.Take(64).Any(v => v > 16) || values[64] > 9)
            {
                throw new DataFormatException(DigitsFile, "64 pixels 0..16 and a label 0..9 on each line", $"'{lines[row]}' on line {row + 1}");
            }

            values.AsSpan(0, 64).CopyTo(pixels.AsSpan(row * 64));
            labels[row] = values[64];
        }

        return DataSet.Create("digits", 10, ExampleStore.FromBytes(Shape.Image(8, 8, 1), pixels, labels, 16));
    }

    /// <summary>
    /// A learnable synthetic data set of any shape, for smoke tests: each class has its own random
    /// mean pattern (uniform in [0, 1] per scalar) and each example is its class's pattern plus
    /// noise (a triangular distribution with deviation about 0.12), clamped to [0, 1] and stored
    /// as bytes like a real image. Labels cycle 0, 1, ..., classes - 1. The same arguments give the
    /// same data on every machine.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> or <paramref name="count"/> is below 1.</exception>
    public static DataSet Synthetic(Shape shape, int classes, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var size = checked((int)shape.Elements);
        var pixels = new byte[checked(count * size)];
        var labels = new int[count];
        var patternSeed = SeededRandom.Mix(unchecked((ulong)seed) ^ 0x5DEECE66DUL);
        var noise = new SeededRandom(seed);
        for (var i = 0; i < count; i++)
        {
            var label = i % classes;
            labels[i] = label;
            var classSeed = SeededRandom.Mix(patternSeed + (ulong)label);
            var example = pixels.AsSpan(i * size, size);
            for (var e = 0; e < size; e++)
            {
                var mean = SeededRandom.ToUnit(SeededRandom.Mix(classSeed + (ulong)e));
                var bits = noise.NextBits();
                var triangular = (uint)bits / 4294967296.0 + (bits >> 32) / 4294967296.0 - 1;
                example[e] = (byte)Math.Round(Math.Clamp(mean + 0.3 * triangular, 0, 1) * 255);
            }
        }

        return DataSet.Create("synthetic", classes, ExampleStore.FromBytes(shape, pixels, labels, 255));
    }

    /// <summary>
    /// The training and validation sets a <c>--data</c> spec names:
    /// <list type="bullet">
    /// <item><c>digits</c>: the embedded digits, split 80/20 with <see cref="DigitsSplitSeed"/> (1438 and 359).</item>
    /// <item><c>mnist:DIR</c>: <see cref="Mnist.Load"/>'s train and t10k files.</item>
    /// <item><c>cifar10:DIR</c>: <see cref="Cifar10.Load"/>'s data and test batches.</item>
    /// <item><c>synthetic</c> or <c>synthetic:HxWxC</c>: 1200 synthetic 10-class examples (28x28x1 by default), split 1000/200.</item>
    /// </list>
    /// The kind is case-insensitive; everything after the first colon is the directory.
    /// </summary>
    /// <param name="spec">The spec.</param>
    /// <param name="maxFileBytes">The most bytes a data file may hold, decompressed (see <see cref="Mnist.Load"/>).</param>
    /// <exception cref="ArgumentException">The spec is not one of these, or its synthetic examples would not fit in memory.</exception>
    /// <exception cref="DataFormatException">
    /// A file it names is missing or can't be read, or the training and test files hold images of different sizes.
    /// </exception>
    public static (DataSet Train, DataSet Validation) Parse(string spec, long maxFileBytes = DefaultMaxFileBytes)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var kind = (colon < 0 ? spec : spec[..colon]).Trim().ToLowerInvariant();
        var argument = colon < 0 ? null : spec[(colon + 1)..];
        switch (kind)
        {
            case "digits" when argument is null:
                return Digits().Split(0.8, DigitsSplitSeed);
            case "mnist":
                var mnist = RequireDirectory(spec, kind, argument);
                return SameShape(Mnist.Load(mnist, train: true, maxFileBytes), Mnist.Load(mnist, train: false, maxFileBytes), "train-images-idx3-ubyte", "t10k-images-idx3-ubyte");
            case "cifar10":
                var cifar = RequireDirectory(spec, kind, argument);
                return (Cifar10.Load(cifar, train: true, maxFileBytes), Cifar10.Load(cifar, train: false, maxFileBytes));
            case "synthetic":
                var shape = argument is null ? Shape.Image(28, 28, 1) : ParseShape(spec, argument);
                return Synthetic(shape, 10, SyntheticCount, seed: 0).Split(1000.0 / SyntheticCount, seed: 0);
            default:
                throw new ArgumentException($"unknown data set '{spec}': expected digits, mnist:DIR, cifar10:DIR, synthetic or synthetic:HxWxC.");
        }
    }

    // A model is built for one input; test images of another size would be resized without a word.
    private static (DataSet Train, DataSet Validation) SameShape(DataSet train, DataSet test, string trainFile, string testFile) =>
        train.Shape == test.Shape
            ? (train, test)
            : throw new DataFormatException(testFile, $"images of {Size(train.Shape)} pixels, as in {trainFile}", $"{Size(test.Shape)}");

    private static string Size(Shape image) => $"{image.Height}x{image.Width}";

    private static string RequireDirectory(string spec, string kind, string? argument) =>
        string.IsNullOrWhiteSpace(argument)
            ? throw new ArgumentException($"'{spec}' names no directory: expected {kind}:DIR, e.g. {kind}:./data/{kind}.")
            : argument;

    private static Shape ParseShape(string spec, string text)
    {
        var parts = text.Split('x');
        var dims = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d > 0 ? d : 0).ToArray();
        if (dims.Length != 3 || dims.Any(d => d <= 0))
        {
            throw new ArgumentException($"'{spec}' has no valid shape: expected synthetic:HxWxC with positive sizes, e.g. synthetic:32x32x3.");
        }

        // The examples are held as bytes in one array.
        Int128 bytes = (Int128)SyntheticCount * dims[0] * dims[1] * dims[2];
        return bytes <= Array.MaxLength
            ? Shape.Image(dims[0], dims[1], dims[2])
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"'{spec}' is too large: {SyntheticCount} examples of {dims[0]}x{dims[1]}x{dims[2]} are {bytes:N0} bytes, above the {Array.MaxLength:N0} one array holds."));
    }
}
