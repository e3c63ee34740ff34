using FluentNets.Backends.TorchSharp;
using FluentNets.Benchmarks.Harness;
using FluentNets.Data;
using FluentNets.Graph;
using FluentNets.Training;
using SkiaSharp;

namespace FluentNets.Benchmarks.Data;

/// <summary>
/// Whether decoding an image folder holds training up: one epoch over a folder of JPEG photos
/// (the size of tf_flowers' pictures, resized to the network's input when read) trained with the
/// batches made on the training thread and with <see cref="DataSet.Prefetch"/> making them on a
/// background task, interleaved; beside them the two halves alone, decoding without training and
/// training on batches decoded once beforehand, which bound what overlapping them can give.
/// </summary>
public static class PrefetchCost
{
    /// <summary>Images in the folder: two classes of this many each.</summary>
    public const int ImagesPerClass = 64;

    /// <summary>Examples per training step.</summary>
    public const int BatchSize = 16;

    /// <summary>Batches the prefetching contender makes ahead.</summary>
    public const int Prefetch = 4;

    private const int PhotoWidth = 500;
    private const int PhotoHeight = 375;

    /// <summary>
    /// The network trained: a small convolutional classifier at 128x128x3 whose training step costs
    /// about what decoding its batch does, the case where overlapping the two matters most (a
    /// frozen base with a new head is close to it).
    /// </summary>
    public static Network Network() => Net.Input(128, 128, 3)
        .Conv(16, 3, s: 2, pad: Padding.Same).BatchNorm().Relu()
        .Conv(32, 3, s: 2, pad: Padding.Same).BatchNorm().Relu()
        .GlobalAvgPool()
        .Dense(2, activation: Activation.Softmax)
        .ToNetwork("prefetch_cnn");

    /// <summary>Writes the folder, runs the four contenders and removes the folder.</summary>
    public static PrefetchResult Run(Repeater repeater, int threads)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"fluentnets-bench-photos-{Environment.ProcessId}");
        try
        {
            WritePhotos(folder);
            var network = Network();
            var images = ImageFolder.Load(folder, network.Input.Shape).Data;
            var backend = BenchHeap.Backend(threads);
            using var compiled = (TorchSharpNetwork)backend.Compile(network, seed: 7);
            var options = new FitOptions { Epochs = 1, BatchSize = BatchSize, Seed = 7 };
            var all = images.Batches(images.Count).Single();
            var decoded = DataSet.FromPixels(images.Name, images.Shape, all.Images.Data, all.Labels, images.Classes);

            var (inLoop, prefetched) = repeater.TimePair(
                () => compiled.Fit(images, options),
                () => compiled.Fit(images.Prefetch(Prefetch), options));
            var decodeOnly = repeater.Time(() => Drain(images));
            var trainOnly = repeater.Time(() => compiled.Fit(decoded, options));
            return new PrefetchResult(images.Count, inLoop, prefetched!, decodeOnly, trainOnly);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    // Photographs compress far worse than flat colour: gradients with seeded noise make a JPEG of
    // about the size of a tf_flowers picture, so decoding costs what it would there.
    private static void WritePhotos(string folder)
    {
        var random = new Random(11);
        foreach (string label in (string[])["daisy", "tulips"])
        {
            Directory.CreateDirectory(Path.Combine(folder, label));
            for (int i = 0; i < ImagesPerClass; i++)
            {
                using var bitmap = new SKBitmap(PhotoWidth, PhotoHeight, SKColorType.Rgba8888, SKAlphaType.Opaque);
                var pixels = new byte[PhotoWidth * PhotoHeight * 4];
                for (int y = 0; y < PhotoHeight; y++)
                {
                    for (int x = 0; x < PhotoWidth; x++)
                    {
                        int at = 4 * (y * PhotoWidth + x);
                        pixels[at] = (byte)((x * 255 / PhotoWidth + random.Next(48)) & 0xFF);
                        pixels[at + 1] = (byte)((y * 255 / PhotoHeight + random.Next(48)) & 0xFF);
                        pixels[at + 2] = (byte)(((x + y) * 127 / PhotoWidth + random.Next(48)) & 0xFF);
                        pixels[at + 3] = 255;
                    }
                }

                System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
                using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
                using var file = File.Create(Path.Combine(folder, label, $"{i:D3}.jpg"));
                data.SaveTo(file);
            }
        }
    }

    private static void Drain(DataSet images)
    {
        foreach (var _ in images.Batches(BatchSize, shuffle: true, seed: 7))
        {
        }
    }
}

/// <summary>One epoch over the folder, four ways.</summary>
/// <param name="Images">Images in the folder.</param>
/// <param name="InLoop">Training with the batches decoded on the training thread.</param>
/// <param name="Prefetched">Training with the batches decoded ahead on a background task.</param>
/// <param name="DecodeOnly">Decoding the epoch's batches without training.</param>
/// <param name="TrainOnly">Training on the same images decoded beforehand.</param>
public sealed record PrefetchResult(int Images, Measurement InLoop, Measurement Prefetched, Measurement DecodeOnly, Measurement TrainOnly)
{
    /// <summary>Images per second of a measurement's median.</summary>
    public double PerSecond(Measurement m) => Images / (m.MedianMs / 1000);

    /// <summary>How much faster the prefetching epoch is than the in-loop one.</summary>
    public double Speedup => InLoop.MedianMs / Prefetched.MedianMs;

    /// <summary>The prefetching epoch over the slower of its two halves alone: 1 means decoding is fully hidden behind training (or the reverse).</summary>
    public double OverBound => Prefetched.MedianMs / Math.Max(DecodeOnly.MedianMs, TrainOnly.MedianMs);
}
