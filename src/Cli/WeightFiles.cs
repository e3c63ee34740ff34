using FluentNets.Backends;
using FluentNets.Backends.TorchSharp;
using FluentNets.Graph;

namespace FluentNets.Cli;

/// <summary>
/// The one place where <c>--weights FILE</c> is read, by extension: <c>.pth</c> and <c>.pt</c> are PyTorch
/// state dicts (torchvision's keys, <see cref="PyTorchWeights"/>), <c>.h5</c> and <c>.hdf5</c> Keras's HDF5
/// files (<see cref="Interop.KerasWeights"/>), anything else a safetensors file, FluentNets' own or, when
/// that does not read or fit, one with PyTorch's keys. A file that cannot be
/// read or does not fit is a <see cref="WeightsException"/>, which the CLI prints as one line with exit code 2.
/// </summary>
public static class WeightFiles
{
    /// <summary>The extensions <c>--weights</c> understands, as the CLI's help lists them.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".safetensors", ".h5", ".pth", ".pt"];

    /// <summary>Loads <paramref name="path"/> into <paramref name="compiled"/>, or changes nothing.</summary>
    /// <exception cref="CliException">The file does not exist or is a directory.</exception>
    /// <exception cref="WeightsException">The file cannot be read or does not fit the network.</exception>
    /// <returns>How many tensors were loaded: every parameter and buffer of the network.</returns>
    public static int Load(ICompiledNetwork compiled, string path)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        RequireFile(path);
        try
        {
            if (IsPyTorch(path))
            {
                compiled.LoadPyTorch(path);
                return compiled.Parameters.Count;
            }

            if (IsKeras(path))
            {
                compiled.SetState(Interop.WeightFiles.Checked(path, compiled.Network));
                return compiled.Parameters.Count;
            }

            try
            {
                compiled.Load(path);
            }
            catch (WeightsException) when (TorchKeyed(compiled.Network, path) is { } state)
            {
                // Not FluentNets' own (float32 tensors named by layer path) but PyTorch's: torchvision's keys,
                // BatchNorm's int64 num_batches_tracked. When neither fits, FluentNets' own message stands.
                compiled.SetState(state);
            }

            return compiled.Parameters.Count;
        }
        catch (IOException e)
        {
            throw new CliException($"--weights {path}: {e.Message}", ExitCodes.Usage, e);
        }
    }

    /// <summary>Checks that <paramref name="path"/> fits <paramref name="network"/> without compiling it; returns the tensors it holds.</summary>
    /// <exception cref="CliException">The file does not exist or is a directory.</exception>
    /// <exception cref="WeightsException">The file cannot be read or does not fit the network.</exception>
    public static int Check(Network network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        RequireFile(path);
        try
        {
            if (IsPyTorch(path))
            {
                return PyTorchWeights.StateFor(network, path).Count;
            }

            if (IsKeras(path))
            {
                return Interop.WeightFiles.Checked(path, network).Count;
            }

            try
            {
                var state = WeightFile.Load(path);
                StateCheck.Validate(ParameterLayout.Of(network), state);
                return state.Count;
            }
            catch (WeightsException e)
            {
                return TorchKeyed(network, path)?.Count
                    ?? throw (e.Message.StartsWith(path, StringComparison.Ordinal) ? e : new WeightsException($"{path}: {e.Message}"));
            }
        }
        catch (IOException e)
        {
            throw new CliException($"--weights {path}: {e.Message}", ExitCodes.Usage, e);
        }
    }

    /// <summary>The network's state from a safetensors file with PyTorch's keys, or null when it is not one that fits.</summary>
    private static IReadOnlyDictionary<string, HostTensor>? TorchKeyed(Network network, string path)
    {
        try
        {
            return PyTorchWeights.StateFor(network, path);
        }
        catch (WeightsException)
        {
            return null;
        }
    }

    private static bool IsPyTorch(string path) => Path.GetExtension(path).ToLowerInvariant() is ".pth" or ".pt";

    private static bool IsKeras(string path) => Path.GetExtension(path).ToLowerInvariant() is ".h5" or ".hdf5";

    private static void RequireFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(Directory.Exists(path) ? $"--weights {path}: is a directory, not a weights file." : $"--weights {path}: no such file.");
        }
    }
}
