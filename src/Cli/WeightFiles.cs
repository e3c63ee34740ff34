using FluentNets.Backends;
using FluentNets.Backends.TorchSharp;
using FluentNets.Graph;

namespace FluentNets.Cli;

/// <summary>
/// <c>--weights FILE</c> for every command: the file checks and messages of the command line around
/// <see cref="Interop.WeightFiles"/>, which picks the reader (FluentNets' safetensors, Keras's HDF5,
/// and PyTorch's files through <see cref="PyTorchWeightFileReader"/>). A file that cannot be read or does
/// not fit is a <see cref="WeightsException"/>, which the CLI prints as one line with exit code 2.
/// </summary>
public static class WeightFiles
{
    /// <summary>The extensions <c>--weights</c> understands, as the CLI's help lists them.</summary>
    public static IReadOnlyList<string> Extensions
    {
        get
        {
            RegisterReaders();
            return Interop.WeightFiles.Extensions;
        }
    }

    /// <summary>Loads <paramref name="path"/> into <paramref name="compiled"/>, or changes nothing.</summary>
    /// <exception cref="CliException">The file does not exist or is not a regular file.</exception>
    /// <exception cref="WeightsException">The file cannot be read or does not fit the network.</exception>
    /// <returns>How many tensors were loaded: every parameter and buffer of the network.</returns>
    public static int Load(ICompiledNetwork compiled, string path)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        compiled.SetState(Read(compiled.Network, path));
        return compiled.Parameters.Count;
    }

    /// <summary>Checks that <paramref name="path"/> fits <paramref name="network"/> without compiling it; returns the tensors it holds.</summary>
    /// <exception cref="CliException">The file does not exist or is not a regular file.</exception>
    /// <exception cref="WeightsException">The file cannot be read or does not fit the network.</exception>
    public static int Check(Network network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        return Read(network, path).Count;
    }

    /// <summary>Refuses a path that is not a regular file before anything opens it.</summary>
    /// <exception cref="CliException">Nothing is there, or it is a directory, a named pipe or a device.</exception>
    internal static void RequireFile(string path)
    {
        switch (Data.FileKind.Of(path))
        {
            case null:
                throw new CliException($"--weights {path}: no such file.");
            case "a directory":
                throw new CliException($"--weights {path}: is a directory, not a weights file.");
            case var kind when kind != Data.FileKind.Regular:
                // Reading a named pipe waits for a writer; a device may never end.
                throw new CliException($"--weights {path}: is {kind}, not a weights file.");
        }
    }

    private static IReadOnlyDictionary<string, HostTensor> Read(Network network, string path)
    {
        RequireFile(path);
        RegisterReaders();
        try
        {
            return Interop.WeightFiles.Read(path, network);
        }
        catch (IOException e)
        {
            throw new CliException($"--weights {path}: {e.Message}", ExitCodes.Usage, e);
        }
    }

    // summary and verify read weights without compiling, so the TorchSharp backend may not be registered yet.
    private static void RegisterReaders() => WeightFileReaders.Register(new PyTorchWeightFileReader());
}
