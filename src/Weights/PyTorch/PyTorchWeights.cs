using FluentNets.Backends;
using FluentNets.Graph;

namespace FluentNets.Weights;

/// <summary>
/// Reads PyTorch state dicts (<c>torch.save(model.state_dict(), ...)</c> as <c>.pth</c> or <c>.pt</c>, and
/// <c>.safetensors</c> with PyTorch's key names, as <c>safetensors.torch.save_file</c> writes them), and loads
/// them into a compiled network of any backend.
/// </summary>
/// <remarks>
/// A state-dict key is a parameter's module path joined with '.' (<c>layer1.0.conv1.weight</c>). A
/// FluentNets parameter's name is its layer's path, blocks joined with '/', then the parameter
/// (<c>layer1.0/conv1.weight</c>), so the key of a parameter is its name with every '/' read as '.'
/// (<see cref="KeyOf"/>): a top-level layer named <c>features.0</c> has the keys <c>features.0.weight</c>
/// and <c>features.0.bias</c> as they are. BatchNorm's <c>num_batches_tracked</c> counters, which
/// inference never reads, are accepted and dropped.
/// </remarks>
public static class PyTorchWeights
{
    /// <summary>Whether <paramref name="path"/> names a file this class reads: <c>.pth</c>, <c>.pt</c> or <c>.safetensors</c>.</summary>
    public static bool Reads(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".pth" or ".pt" or ".safetensors";

    /// <summary>The state-dict key of a FluentNets parameter name: '/' read as '.'.</summary>
    public static string KeyOf(string parameterName)
    {
        ArgumentNullException.ThrowIfNull(parameterName);
        return parameterName.Replace('/', '.');
    }

    /// <summary>Every tensor of a state-dict file, by key, as float32.</summary>
    /// <param name="path">A <c>.pth</c>/<c>.pt</c> file written by <c>torch.save</c>, or a <c>.safetensors</c> file.</param>
    /// <exception cref="WeightsException">
    /// The file is not a state dict (a damaged or truncated archive or pickle, a whole pickled model,
    /// PyTorch's pre-1.6 format): one line naming the file and what was wrong.
    /// </exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IReadOnlyDictionary<string, HostTensor> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        if (string.Equals(Path.GetExtension(path), ".safetensors", StringComparison.OrdinalIgnoreCase))
        {
            // safetensors.torch.save_file's layout: FluentNets' own reader, which takes every dtype PyTorch writes.
            return WeightFile.Load(path);
        }

        try
        {
            // Read without TorchSharp.PyBridge's unpickler, which refuses shared storages at offsets, strided
            // views and nn.Parameter values, and allocates whatever a damaged length field asks for.
            return PyTorchStateDictFile.Read(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new WeightsException($"{path}: expected a state dict written by torch.save, but it cannot be read: {PyTorchStateDictFile.Escape(OneLine(e))}");
        }
    }

    /// <summary>
    /// Loads a PyTorch state dict into <paramref name="network"/>: every parameter and buffer of the
    /// network must be in the file under its key (<see cref="KeyOf"/>) with its shape, and the file may hold
    /// nothing else but BatchNorm's <c>num_batches_tracked</c> and the keys of top-level modules the network
    /// lacks as a whole, so that a zoo model built with <c>includeTop: false</c> takes the full model's file
    /// (its <c>fc.*</c>, <c>classifier.*</c> or <c>aux1.*</c> keys skipped, as <c>load_state_dict(strict=False)</c>
    /// skips them). Nothing changes when it does not fit.
    /// </summary>
    /// <param name="network">The compiled network, of any backend.</param>
    /// <param name="path">A <c>.pth</c>, <c>.pt</c> or <c>.safetensors</c> file.</param>
    /// <exception cref="WeightsException">
    /// The file cannot be read, or does not fit: one message naming every key that is missing,
    /// unexpected or of another shape, with both shapes.
    /// </exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static void LoadPyTorch(this ICompiledNetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.SetState(StateFor(network.Network, path));
    }

    /// <summary>
    /// The state of <paramref name="network"/> read from a PyTorch state dict, by parameter name (the
    /// <see cref="ParameterLayout"/>'s), ready for <see cref="ICompiledNetwork.SetState"/>; no backend needed.
    /// </summary>
    /// <param name="network">The network the file should fit.</param>
    /// <param name="path">A <c>.pth</c>, <c>.pt</c> or <c>.safetensors</c> file.</param>
    /// <exception cref="WeightsException">
    /// The file cannot be read, or does not fit: one message naming every key that is missing,
    /// unexpected or of another shape, with both shapes.
    /// </exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IReadOnlyDictionary<string, HostTensor> StateFor(Network network, string path) => StateFor(network, path, WeightMatching.Strict);

    /// <summary>
    /// The state of <paramref name="network"/> read from a PyTorch state dict as <paramref name="matching"/> allows:
    /// parameters it tolerates as missing or of another shape are left out.
    /// </summary>
    /// <param name="network">The network the file should fit.</param>
    /// <param name="path">A <c>.pth</c>, <c>.pt</c> or <c>.safetensors</c> file.</param>
    /// <param name="matching">What may be missing, differ or be extra.</param>
    /// <exception cref="WeightsException">The file cannot be read, or does not fit: one message naming every key that is missing, unexpected or of another shape, with both shapes.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IReadOnlyDictionary<string, HostTensor> StateFor(Network network, string path, WeightMatching matching)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(matching);
        return Match(network, Read(path), path, matching);
    }

    private static Dictionary<string, HostTensor> Match(Network network, IReadOnlyDictionary<string, HostTensor> file, string path, WeightMatching matching)
    {
        var expected = ParameterLayout.Of(network);
        // Keys the layers declare they do not use, such as BatchNorm's num_batches_tracked.
        var counters = network.Nodes
            .SelectMany(n => n.Layer.UnusedTorchRoles.Select(role => $"{KeyOf(n.Name)}.{role}"))
            .ToHashSet(StringComparer.Ordinal);
        var differences = new List<string>();
        var state = new Dictionary<string, HostTensor>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in expected)
        {
            string key = KeyOf(p.Name);
            keys.Add(key);
            if (!file.TryGetValue(key, out var tensor))
            {
                if (!matching.Tolerates(network, p, missing: true))
                {
                    differences.Add($"{key} missing from the file (network {p.ShapeText})");
                }
            }
            else if (!tensor.Shape.SequenceEqual(p.Shape))
            {
                if (!matching.Tolerates(network, p, missing: false))
                {
                    differences.Add($"{key} is {tensor.ShapeText} in the file but {p.ShapeText} in the network");
                }
            }
            else
            {
                state[p.Name] = tensor;
            }
        }

        var unexpected = matching.IgnoresUnexpected ? [] : file.Where(e => !keys.Contains(e.Key) && !counters.Contains(e.Key)).ToList();
        if (differences.Count == 0)
        {
            // A network built without its top (fc, classifier, aux1, AuxLogits) takes the full model's
            // state dict as load_state_dict(strict=False) would: a module the network lacks as a whole
            // is skipped, while a key under a module it has (layer3.5 of a deeper ResNet) still fails.
            var modules = keys.Select(Module).ToHashSet(StringComparer.Ordinal);
            unexpected.RemoveAll(e => !modules.Contains(Module(e.Key)));
        }

        differences.AddRange(unexpected
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => $"{e.Key} ({e.Value.ShapeText}) in the file but not in the network"));
        if (differences.Count > 0)
        {
            throw new WeightsException(
                $"{path}: the state dict does not fit {network.Name}, nothing was loaded; " +
                $"{differences.Count} difference{(differences.Count == 1 ? "" : "s")}: {string.Join("; ", differences)}.");
        }

        return state;
    }

    /// <summary>The top-level module of a state-dict key: <c>fc</c> of <c>fc.weight</c>, <c>layer3</c> of <c>layer3.5.conv1.weight</c>.</summary>
    private static string Module(string key) => key.Split('.')[0];

    private static string OneLine(Exception e) =>
        string.Join(" ", (e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
