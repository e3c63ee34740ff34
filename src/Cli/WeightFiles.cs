using FluentNets.Backends;
using FluentNets.Backends.TorchSharp;
using FluentNets.Graph;

namespace FluentNets.Cli;

/// <summary>
/// The one place where <c>--weights FILE</c> is read, by extension: <c>.pth</c> and <c>.pt</c> are PyTorch
/// state dicts (torchvision's keys, <see cref="PyTorchWeights"/>), anything else FluentNets' own
/// safetensors files. A file that cannot be read or does not fit is a <see cref="WeightsException"/>,
/// which the CLI prints as one line with exit code 2.
/// </summary>
public static class WeightFiles
{
    /// <summary>Loads <paramref name="path"/> into <paramref name="compiled"/>, or changes nothing.</summary>
    /// <exception cref="CliException">The file does not exist or is a directory.</exception>
    /// <exception cref="WeightsException">The file cannot be read or does not fit the network.</exception>
    public static void Load(ICompiledNetwork compiled, string path)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        RequireFile(path);
        try
        {
            if (IsPyTorch(path))
            {
                compiled.LoadPyTorch(path);
            }
            else
            {
                compiled.Load(path);
            }
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

            var state = WeightFile.Load(path);
            try
            {
                StateCheck.Validate(ParameterLayout.Of(network), state);
            }
            catch (WeightsException e)
            {
                throw new WeightsException($"{path}: {e.Message}");
            }

            return state.Count;
        }
        catch (IOException e)
        {
            throw new CliException($"--weights {path}: {e.Message}", ExitCodes.Usage, e);
        }
    }

    private static bool IsPyTorch(string path) => Path.GetExtension(path).ToLowerInvariant() is ".pth" or ".pt";

    private static void RequireFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(Directory.Exists(path) ? $"--weights {path}: is a directory, not a weights file." : $"--weights {path}: no such file.");
        }
    }
}
