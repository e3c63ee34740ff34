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

    /// <summary>The option that lets a command run with weights that hold NaN or Inf.</summary>
    public const string AllowNonFiniteOption = "--allow-non-finite";

    /// <summary>Loads <paramref name="path"/> into <paramref name="compiled"/>, or changes nothing.</summary>
    /// <param name="compiled">The compiled network.</param>
    /// <param name="path">The weights file.</param>
    /// <param name="allowNonFinite">Whether weights holding NaN or Inf are loaded; by default they are refused.</param>
    /// <exception cref="CliException">The file does not exist or is not a regular file.</exception>
    /// <exception cref="WeightsException">
    /// The file cannot be read or does not fit the network, or (unless allowed) holds NaN or Inf: one line naming the tensors.
    /// </exception>
    /// <returns>How many tensors were loaded: every parameter and buffer of the network.</returns>
    public static int Load(ICompiledNetwork compiled, string path, bool allowNonFinite = false)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        var state = Read(compiled.Network, path);
        if (!allowNonFinite && NonFinite(state) is { } where)
        {
            throw new WeightsException(
                $"{path}: expected finite weights, found {where}; nothing was loaded. {AllowNonFiniteOption} uses them anyway, and every output they reach is NaN.");
        }

        compiled.SetState(state);
        return compiled.Parameters.Count;
    }

    /// <summary>Checks that <paramref name="path"/> fits <paramref name="network"/> without compiling it.</summary>
    /// <exception cref="CliException">The file does not exist or is not a regular file.</exception>
    /// <exception cref="WeightsException">The file cannot be read or does not fit the network.</exception>
    /// <returns>The tensors it holds, and which hold NaN or Inf (<see cref="NonFinite"/>), null when none does.</returns>
    public static (int Tensors, string? NonFinite) Check(Network network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        var state = Read(network, path);
        return (state.Count, NonFinite(state));
    }

    /// <summary>
    /// The tensors of <paramref name="state"/> that hold NaN or Inf, in one line: <c>NaN or Inf in 2 of 10 tensors:
    /// dense.weight (1 NaN, 1 Inf), dense.bias (3 NaN)</c>, the first five named; null when every value is finite.
    /// </summary>
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
