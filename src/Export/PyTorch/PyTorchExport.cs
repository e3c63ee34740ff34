using System.Reflection;
using FluentNets.Backends;
using FluentNets.Graph;
using FluentNets.Weights;

namespace FluentNets.Export.PyTorch;

/// <summary>
/// Hands a network to PyTorch: <c>model.py</c> (a self-contained <c>torch.nn.Module</c>),
/// <c>weights.safetensors</c> (its state under the module's attribute names, loading with
/// <c>strict=True</c>) and <c>train_ddp.py</c> (a DistributedDataParallel template for
/// <c>torchrun</c> that writes weights <c>fluentnets evaluate --weights</c> loads back).
/// </summary>
public static class PyTorchExport
{
    /// <summary>The module's file name.</summary>
    public const string ModelFile = "model.py";

    /// <summary>The weights' file name.</summary>
    public const string WeightsFile = "weights.safetensors";

    /// <summary>The training template's file name.</summary>
    public const string TrainingFile = "train_ddp.py";

    /// <summary>The source of <c>model.py</c> for <paramref name="network"/>.</summary>
    /// <param name="network">The network, auxiliary heads included.</param>
    /// <param name="metadata">Class names and preprocessing, written as constants.</param>
    /// <exception cref="ExportException">A layer has no PyTorch form, or two layer names give one attribute.</exception>
    public static string ModelSource(this Network network, NetworkMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        return ModelPy.Write(network, metadata ?? NetworkMetadata.None);
    }

    /// <summary>The source of <c>train_ddp.py</c>, the same for every network.</summary>
    public static string TrainingSource()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("FluentNets.Export.train_ddp.py")
            ?? throw new InvalidOperationException("the train_ddp.py resource is missing from FluentNets.Export.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Writes <c>model.py</c>, <c>weights.safetensors</c> and <c>train_ddp.py</c> into
    /// <paramref name="directory"/> (created if missing). Each file is written next to its name and
    /// renamed over it; nothing is written when the network or the weights can't be exported.
    /// </summary>
    /// <param name="network">The network, auxiliary heads included.</param>
    /// <param name="directory">The folder to write to.</param>
    /// <param name="weights">Every parameter and buffer, by <see cref="ParameterLayout"/> name.</param>
    /// <param name="metadata">Class names and preprocessing.</param>
    /// <exception cref="ExportException">A layer has no PyTorch form, or a weight is missing or of another shape.</exception>
    /// <exception cref="IOException">A file cannot be written.</exception>
    public static void ExportPyTorch(this Network network, string directory, IReadOnlyDictionary<string, HostTensor> weights, NetworkMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(weights);
        ExportWeights.Validate(network.Nodes, weights);
        string model = network.ModelSource(metadata);
        var attributes = PythonNames.Of(network.Nodes);
        var state = new Dictionary<string, HostTensor>(StringComparer.Ordinal);
        foreach (var node in network.Nodes)
        {
            foreach (var p in ParameterLayout.Of(node))
            {
                state[attributes[node] + p.Name[node.Name.Length..]] = weights[p.Name];
            }
        }

        Directory.CreateDirectory(directory);
        WriteText(Path.Combine(directory, ModelFile), model);
        WeightFile.Save(Path.Combine(directory, WeightsFile), state, new Dictionary<string, string> { ["network"] = network.Name });
        WriteText(Path.Combine(directory, TrainingFile), TrainingSource());
    }

    private static void WriteText(string path, string text)
    {
        string partial = path + ".partial";
        File.WriteAllText(partial, text);
        File.Move(partial, path, overwrite: true);
    }
}
