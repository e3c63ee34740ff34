using System.Globalization;
using FluentNets.Backends;
using FluentNets.Backends.TorchSharp;
using FluentNets.Data;
using FluentNets.Graph;
using FluentNets.Training;
using Microsoft.Extensions.DependencyInjection;

namespace FluentNets.Examples.QuickStart;

/// <summary>
/// FluentNets in five steps: write a network in fluent C#, read its summary, compile it through
/// dependency injection, train it on the digits that ship inside FluentNets, and evaluate it.
/// </summary>
public static class Program
{
    /// <summary>Runs the example on the console: <c>dotnet run --project examples/QuickStart -- --epochs 10</c>.</summary>
    /// <param name="args">Optionally <c>--epochs N</c> (3 by default).</param>
    /// <returns>0 on success, 2 for a bad argument.</returns>
    public static int Main(string[] args) => Run(args, Console.Out);

    /// <summary>Runs the example, writing everything it prints to <paramref name="output"/>.</summary>
    /// <param name="args">Optionally <c>--epochs N</c> (3 by default).</param>
    /// <param name="output">Where the summary, the progress and the result go.</param>
    /// <returns>0 on success, 2 for a bad argument.</returns>
    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (!TryParseEpochs(args, out var epochs))
        {
            output.WriteLine("usage: QuickStart [--epochs N]   (N a positive whole number; 3 by default)");
            return 2;
        }

        // 1. A network is a chain of fluent calls on an input. Each call checks its shape rule at
        //    once, so a layer that does not fit fails here, naming itself, not in the first batch.
        //    Channel counts are never repeated: each layer takes them from the one before.
        Network network = Net.Input(32, 32, 1)
            .Conv(8, 5, activation: Activation.Relu)
            .MaxPool(2)
            .Conv(16, 5, activation: Activation.Relu)
            .MaxPool(2)
            .Flatten()
            .Dense(64, activation: Activation.Relu)
            .Dense(10, activation: Activation.Softmax)
            .ToNetwork("quickstart");

        // 2. The summary is Keras's: every layer, its output shape and its parameter count,
        //    computed by the DSL alone, before any backend exists.
        output.Write(network.Summary());
        output.WriteLine();

        // 3. Backends are services. The provider picks one by name; "auto" runs on CUDA when
        //    libtorch sees a GPU and on the CPU otherwise.
        using var services = new ServiceCollection()
            .AddFluentNets()
            .AddTorchSharpBackend(o => o.Device = "auto")
            .BuildServiceProvider();
        var backend = services.GetRequiredService<IBackendProvider>().GetTraining("torchsharp");

        // A fixed seed gives the same initial weights, the same shuffles and, on the CPU, the same losses on every run.
        // Every backend runs networks forward; TorchSharp's also train: GetTraining gives it as an ITrainingBackend.
        using var model = backend.Compile(network, seed: 42);
        output.WriteLine($"Compiled '{network.Name}' on {backend.Name} ({model.Device}).");

        // 4. The digits (1797 8x8 grey images) ship inside FluentNets, so this runs with no download.
        //    Fit and Evaluate resize them to the network's 32x32x1 input as each batch is made.
        var (train, validation) = DataSets.Digits().Split(0.8, seed: DataSets.DigitsSplitSeed);
        output.WriteLine($"Training on {train}; validating on {validation.Count} held-out images.");
        var history = model.Fit(train, new FitOptions
        {
            Epochs = epochs,

            // Small batches take more steps per epoch: a few epochs are enough on 1438 images.
            BatchSize = 32,
            Optimizer = Optimizer.Adam(1e-3),
            Validation = validation,
            Seed = 42,
        });
        foreach (var epoch in history.Epochs)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"epoch {epoch.Epoch}/{epochs}: loss {epoch.Loss:F4}, accuracy {epoch.Accuracy:F4}, validation accuracy {epoch.Validation!.Accuracy:F4} ({epoch.ImagesPerSecond:F0} images/s)"));
        }

        // 5. Evaluate runs in inference mode (no dropout, BatchNorm's moving statistics).
        var result = model.Evaluate(validation);
        var correct = (int)Math.Round(result.Accuracy * result.Count);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Validation accuracy: {result.Accuracy:F4} ({correct} of {result.Count} digits), loss {result.Loss:F4}"));
        return 0;
    }

    private static bool TryParseEpochs(string[] args, out int epochs)
    {
        epochs = 3;
        if (args.Length == 0)
        {
            return true;
        }

        return args.Length == 2
            && args[0] == "--epochs"
            && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out epochs)
            && epochs > 0;
    }
}
