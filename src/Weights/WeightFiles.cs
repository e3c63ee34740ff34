using FluentNets.Backends;
using FluentNets.Graph;

namespace FluentNets.Weights;

/// <summary>
/// Weight files of every format, for the library and every command that takes <c>--weights</c>: the built-in
/// readers (<see cref="Default"/>: FluentNets' safetensors, Keras's HDF5, PyTorch's state dicts), the checks a
/// path gets before it is opened, loads that leave tolerated parameters as they are and say so, and the
/// refusal of weights holding NaN or Inf.
/// </summary>
public static class WeightFiles
{
    /// <summary>The built-in readers, in the order they are tried; an application that registers its own uses <see cref="WeightReaders"/> from its container.</summary>
    public static WeightReaders Default { get; } = new([new SafetensorsReader(), new KerasReader(), new PyTorchReader()]);

    /// <summary>The extensions the built-in readers take.</summary>
    public static IReadOnlyList<string> Extensions => Default.Extensions;

    /// <summary>
    /// Reads every weight of <paramref name="network"/> from <paramref name="path"/>, any built-in format, checked
    /// strictly against its declared parameters.
    /// </summary>
    /// <param name="path">The file; its extension picks the reader.</param>
    /// <param name="network">The network the weights are for.</param>
    /// <returns>Tensors by parameter name in PyTorch's layouts.</returns>
    /// <exception cref="WeightsException">An unknown extension, or a file that does not fit: one line naming the file and what differs.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IReadOnlyDictionary<string, HostTensor> Read(string path, Network network) => Default.Read(path, network);

    /// <summary>
    /// Loads a weights file of any format into <paramref name="compiled"/>, after checking it against the network as
    /// <paramref name="matching"/> allows (by default, <see cref="WeightMatching.AuxiliaryHeadsOptional"/>): parameters it
    /// tolerates keep the values the compiled network has, and the result's <see cref="WeightsLoaded.Note"/> names them.
    /// Nothing changes when the file does not fit.
    /// </summary>
    /// <param name="compiled">The compiled network, of any backend.</param>
    /// <param name="path">The file.</param>
    /// <param name="matching">What may be missing, differ or be extra.</param>
    /// <param name="allowNonFinite">Whether weights holding NaN or Inf are loaded anyway.</param>
    /// <param name="readers">The readers to use; the built-in ones when omitted.</param>
    /// <returns>What was loaded and what kept its values.</returns>
    /// <exception cref="WeightsException">The file is not a regular file, cannot be read, does not fit, or holds NaN or Inf.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static WeightsLoaded LoadWeights(
        this ICompiledNetwork compiled, string path, WeightMatching? matching = null, bool allowNonFinite = false, WeightReaders? readers = null)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        RequireFile(path);
        var state = (readers ?? Default).Read(path, compiled.Network, matching ?? WeightMatching.AuxiliaryHeadsOptional);
        if (!allowNonFinite && NonFinite(state) is { } where)
        {
            throw new WeightsException($"{path}: expected finite weights, found {where}; nothing was loaded. {AllowNonFiniteOption} uses them anyway, and every output they reach is NaN.");
        }

        return Apply(compiled, path, state);
    }

    /// <summary>
    /// A partial load from another network's state (a base trained elsewhere): every tensor whose name and shape
    /// <paramref name="compiled"/> has is copied; the rest keeps its values and is named in the result.
    /// </summary>
    /// <param name="compiled">The network to load into.</param>
    /// <param name="state">Tensors by parameter name, e.g. another compiled network's <see cref="ICompiledNetwork.GetState"/>.</param>
    /// <param name="source">What the state is called in the result's note.</param>
    /// <returns>What was loaded and what kept its values.</returns>
    public static WeightsLoaded LoadMatching(this ICompiledNetwork compiled, IReadOnlyDictionary<string, HostTensor> state, string source = "the given state")
    {
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(state);
        var matching = compiled.Parameters
            .Where(p => state.TryGetValue(p.Name, out var t) && t.Shape.SequenceEqual(p.Shape))
            .ToDictionary(p => p.Name, p => state[p.Name], StringComparer.Ordinal);
        return Apply(compiled, source, matching);
    }

    /// <summary>The option that lets predict and evaluate use weights holding NaN or Inf.</summary>
    public const string AllowNonFiniteOption = "--allow-non-finite";

    /// <summary>The tensors holding NaN or Inf, named with their counts, or null when all are finite.</summary>
    /// <param name="state">Tensors by name.</param>
    public static string? NonFinite(IReadOnlyDictionary<string, HostTensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var found = new List<string>();
        foreach (var (name, tensor) in state.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            int nan = 0, inf = 0;
            foreach (float value in tensor.Data)
            {
                nan += float.IsNaN(value) ? 1 : 0;
                inf += float.IsInfinity(value) ? 1 : 0;
            }

            if (nan + inf > 0)
            {
                found.Add($"{name} ({string.Join(", ", new[] { nan > 0 ? $"{nan} NaN" : null, inf > 0 ? $"{inf} Inf" : null }.OfType<string>())})");
            }
        }

        return found.Count == 0
            ? null
            : $"NaN or Inf in {found.Count} of {state.Count} tensors: {string.Join(", ", found.Take(5))}{(found.Count > 5 ? $" and {found.Count - 5} more" : "")}";
    }

    /// <summary>Refuses a path that is not a regular file before it is opened: reading a named pipe waits for a writer, and a device may never end.</summary>
    /// <param name="path">The path.</param>
    /// <exception cref="FileNotFoundException">Nothing is there.</exception>
    /// <exception cref="WeightsException">A directory, a named pipe, a device or a socket.</exception>
    public static void RequireFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        switch (Data.FileKind.Of(path))
        {
            case null:
                throw new FileNotFoundException($"{path}: no such file.", path);
            case "a directory":
                throw new WeightsException($"{path}: is a directory, not a weights file.");
            case var kind when kind != Data.FileKind.Regular:
                throw new WeightsException($"{path}: is {kind}, not a weights file.");
        }
    }

    private static WeightsLoaded Apply(ICompiledNetwork compiled, string source, IReadOnlyDictionary<string, HostTensor> state)
    {
        var kept = compiled.Parameters.Where(p => !state.ContainsKey(p.Name)).Select(p => p.Name).ToList();
        var full = state;
        if (kept.Count > 0)
        {
            var current = compiled.GetState();
            full = compiled.Parameters.ToDictionary(p => p.Name, p => state.TryGetValue(p.Name, out var t) ? t : current[p.Name], StringComparer.Ordinal);
        }

        compiled.SetState(full);
        return new WeightsLoaded(source, state.Count, kept);
    }
}
