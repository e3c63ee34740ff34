using System.IO.Compression;
using System.Text.Json;
using FluentNets.Training;
using FluentNets.Weights;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FluentNets.Backends.TorchSharp.Training;

/// <summary>
/// A training run's state after an epoch, as one ZIP file: <c>weights.safetensors</c> (the
/// network's parameters and buffers), <c>optimizer.bin</c> (the optimizer's state in TorchSharp's
/// own format: momentum buffers, Adam's moments and step counts) and <c>checkpoint.json</c> (the
/// epochs done, the steps taken, the seed, the network and the optimizer). Written next to its
/// destination and renamed over it, so an interrupted write leaves the previous checkpoint.
/// </summary>
internal static class TrainingCheckpoint
{
    private const string WeightsEntry = "weights.safetensors";
    private const string OptimizerEntry = "optimizer.bin";
    private const string StateEntry = "checkpoint.json";

    public static void Write(string path, TorchSharpNetwork network, optim.Optimizer optimizer, Optimizer spec, int epochs, long iteration, int seed)
    {
        string scratch = Path.Combine(Path.GetTempPath(), $"fluentnets-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            string weights = Path.Combine(scratch, WeightsEntry), state = Path.Combine(scratch, OptimizerEntry);
            WeightFile.Save(weights, network.GetState(), new Dictionary<string, string> { ["network"] = network.Network.Name });
            ((OptimizerHelper)optimizer).save_state_dict(state);
            string temporary = path + ".partial";
            using (var zip = ZipFile.Open(temporary, ZipArchiveMode.Create))
            {
                zip.CreateEntryFromFile(weights, WeightsEntry, CompressionLevel.Fastest);
                zip.CreateEntryFromFile(state, OptimizerEntry, CompressionLevel.Fastest);
                using var json = new Utf8JsonWriter(zip.CreateEntry(StateEntry).Open(), new JsonWriterOptions { Indented = true });
                json.WriteStartObject();
                json.WriteString("network", network.Network.Name);
                json.WriteString("optimizer", Kind(spec));
                json.WriteNumber("epochs", epochs);
                json.WriteNumber("iterations", iteration);
                json.WriteNumber("seed", seed);
                json.WriteEndObject();
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Restores the weights and optimizer state; returns the next epoch (zero-based) and the steps taken.</summary>
    /// <exception cref="WeightsException">The file is not a checkpoint of this network and optimizer, or its run is already complete.</exception>
    public static (int Epoch, long Iteration) Restore(string path, TorchSharpNetwork network, optim.Optimizer optimizer, Optimizer spec, FitOptions options)
    {
        string scratch = Path.Combine(Path.GetTempPath(), $"fluentnets-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            ZipArchive zip;
            try
            {
                zip = ZipFile.OpenRead(path);
            }
            catch (InvalidDataException)
            {
                throw new WeightsException($"{path}: expected a training checkpoint (a ZIP file written by --checkpoint), found something else.");
            }

            using (zip)
            {
                var entries = new[] { WeightsEntry, OptimizerEntry, StateEntry }.ToDictionary(n => n, n => zip.GetEntry(n));
                var missing = entries.FirstOrDefault(e => e.Value is null).Key;
                if (missing is not null)
                {
                    throw new WeightsException($"{path}: expected a training checkpoint with {WeightsEntry}, {OptimizerEntry} and {StateEntry}, found no {missing}.");
                }

                var (name, kind, epochs, iterations, seed) = ReadState(path, entries[StateEntry]!);
                if (name != network.Network.Name || kind != Kind(spec))
                {
                    throw new WeightsException($"{path}: a checkpoint of {name} trained with {kind}, not of {network.Network.Name} with {Kind(spec)}.");
                }

                if (seed != options.Seed)
                {
                    throw new WeightsException($"{path}: the checkpoint's run used seed {seed}; resume it with the same seed (received {options.Seed}).");
                }

                if (epochs >= options.Epochs)
                {
                    throw new WeightsException($"{path}: the checkpoint has {epochs} epochs done, so a run of {options.Epochs} epochs has nothing left; ask for more epochs.");
                }

                string weights = Path.Combine(scratch, WeightsEntry), state = Path.Combine(scratch, OptimizerEntry);
                entries[WeightsEntry]!.ExtractToFile(weights);
                entries[OptimizerEntry]!.ExtractToFile(state);
                var values = WeightFile.Load(weights);
                try
                {
                    StateCheck.Validate(network.Parameters, values);
                }
                catch (WeightsException e)
                {
                    throw new WeightsException($"{path}: {e.Message}");
                }

                try
                {
                    ((OptimizerHelper)optimizer).load_state_dict(state);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or EndOfStreamException or IOException)
                {
                    throw new WeightsException($"{path}: the optimizer state does not fit this network's trainable parameters ({e.Message}); were other layers frozen when it was written?");
                }

                network.SetState(values);
                return (epochs, iterations);
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static (string Network, string Optimizer, int Epochs, long Iterations, int Seed) ReadState(string path, ZipArchiveEntry entry)
    {
        try
        {
            using var stream = entry.Open();
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            return (root.GetProperty("network").GetString()!, root.GetProperty("optimizer").GetString()!,
                root.GetProperty("epochs").GetInt32(), root.GetProperty("iterations").GetInt64(), root.GetProperty("seed").GetInt32());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or InvalidDataException)
        {
            throw new WeightsException($"{path}: expected {StateEntry} with network, optimizer, epochs, iterations and seed, found an unreadable one ({e.Message}).");
        }
    }

    private static string Kind(Optimizer spec) => spec switch
    {
        SgdOptimizer => "sgd",
        AdamOptimizer { Decoupled: true } => "adamw",
        _ => "adam",
    };
}
