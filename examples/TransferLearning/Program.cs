using System.Globalization;
using FluentNets.Backends;
using FluentNets.Backends.TorchSharp;
using FluentNets.Data;
using FluentNets.Graph;
using FluentNets.Training;
using FluentNets.Weights;

namespace FluentNets.Examples.TransferLearning;

/// <summary>
/// Transfer learning on the digits that ship inside FluentNets, offline: train a small CNN on the
/// digits 0-4, freeze its base, put a new head on it for the digits 5-9 and train that head on a
/// tenth of their training images; then train the same network from scratch on that tenth and
/// compare. It is seed 001's workflow (a frozen base under a new head) at a size that runs in seconds.
/// </summary>
public static class Program
{
    /// <summary>Runs the example on the console: <c>dotnet run --project examples/TransferLearning</c>.</summary>
    /// <param name="args">Unused.</param>
    /// <returns>0.</returns>
    public static int Main(string[] args)
    {
        Run(Console.Out);
        return 0;
    }

    /// <summary>Runs the example, printing to <paramref name="output"/>, and returns what it measured.</summary>
    /// <param name="output">Where the summaries and accuracies go.</param>
    /// <param name="epochs">Epochs of each of the three trainings.</param>
    public static TransferResult Run(TextWriter output, int epochs = 10)
    {
        ArgumentNullException.ThrowIfNull(output);

        // The base: two convolutions and their 4x4x32 features, in a block named "base" so it freezes by name.
        // Both heads branch from the same handle: the networks share the base's layers and their names.
        var features = Net.Input(16, 16, 1).Block("base", b => b
            .Conv(16, 3, pad: Padding.Same, activation: Activation.Relu)
            .BatchNorm()
            .MaxPool(2)
            .Conv(32, 3, pad: Padding.Same, activation: Activation.Relu)
            .MaxPool(2)
            .Flatten());
        var source = features.Dense(5, activation: Activation.Softmax, name: "digits_0_4").ToNetwork("source");
        var target = features.Dense(5, activation: Activation.Softmax, name: "digits_5_9").ToNetwork("target").Freeze("base");

        var (train, validation) = DataSets.Digits().Split(0.8, seed: DataSets.DigitsSplitSeed);
        var (low, lowValidation) = (Digits(train, 0), Digits(validation, 0));
        var (high, highValidation) = (Digits(train, 5), Digits(validation, 5));
        var tenth = high.Split(0.1, seed: 7).Train;
        output.WriteLine($"digits 0-4: {low.Count} training images; digits 5-9: {tenth.Count} of {high.Count} training images; {highValidation.Count} to validate.");

        var backend = new TorchSharpBackend(new TorchSharpBackendOptions { Device = "cpu" });
        var options = new FitOptions { Epochs = epochs, BatchSize = 16, Optimizer = Optimizer.Adam(5e-3), Seed = 1 };

        // 1. The base learns on digits 0-4.
        using var sourceModel = backend.Compile(source, seed: 1);
        sourceModel.Fit(low, options);
        output.WriteLine(FormattableString.Invariant($"base trained on digits 0-4: validation accuracy {sourceModel.Evaluate(lowValidation).Accuracy:F4}"));

        // 2. A new head on the frozen base: the base's weights come from the source by name and shape (the
        //    head's do not fit and keep their fresh values); only the head trains.
        output.Write(target.Summary());
        using var transfer = backend.Compile(target, seed: 2);
        var loaded = transfer.LoadMatching(sourceModel.GetState(), "the base trained on digits 0-4");
        output.WriteLine(loaded.Note ?? "every tensor came from the base.");
        var before = transfer.GetState();
        // A head alone on fixed features takes a larger step than a whole network can.
        transfer.Fit(tenth, options with { Optimizer = Optimizer.Adam(0.05) });
        var after = transfer.GetState();
        double transferAccuracy = transfer.Evaluate(highValidation).Accuracy;

        // 3. The same network, nothing frozen, from random weights on the same tenth.
        using var scratch = backend.Compile(target.Unfreeze(), seed: 2);
        scratch.Fit(tenth, options);
        double scratchAccuracy = scratch.Evaluate(highValidation).Accuracy;

        output.WriteLine(FormattableString.Invariant($"digits 5-9 with the frozen base and a new head: validation accuracy {transferAccuracy:F4}"));
        output.WriteLine(FormattableString.Invariant($"digits 5-9 from scratch on the same {tenth.Count} images:   validation accuracy {scratchAccuracy:F4}"));
        return new TransferResult(transferAccuracy, scratchAccuracy, before, after);
    }

    /// <summary>The five digits from <paramref name="first"/> on, relabelled 0-4.</summary>
    private static DataSet Digits(DataSet data, int first)
    {
        var pixels = new List<float>();
        var labels = new List<int>();
        foreach (var (images, batchLabels) in data.Batches(256))
        {
            int size = images.Data.Length / batchLabels.Length;
            for (int i = 0; i < batchLabels.Length; i++)
            {
                if (batchLabels[i] >= first && batchLabels[i] < first + 5)
                {
                    pixels.AddRange(images.Data.AsSpan(i * size, size).ToArray());
                    labels.Add(batchLabels[i] - first);
                }
            }
        }

        string name = string.Create(CultureInfo.InvariantCulture, $"{data.Name}-{first}-{first + 4}");
        return DataSet.FromPixels(name, data.Shape, pixels.ToArray(), labels.ToArray(), 5).ResizeTo(Shape.Image(16, 16, 1));
    }
}

/// <summary>What the example measured.</summary>
/// <param name="TransferAccuracy">Validation accuracy on digits 5-9 of the new head on the frozen base.</param>
/// <param name="ScratchAccuracy">The same network trained from scratch on the same tenth.</param>
/// <param name="Before">The transfer network's weights before its training.</param>
/// <param name="After">Its weights after.</param>
public sealed record TransferResult(double TransferAccuracy, double ScratchAccuracy, IReadOnlyDictionary<string, HostTensor> Before, IReadOnlyDictionary<string, HostTensor> After);
