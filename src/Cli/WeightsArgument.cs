using FluentNets.Backends;
using FluentNets.Graph;
using FluentNets.Weights;

namespace FluentNets.Cli;

/// <summary>
/// The <c>--weights FILE</c> of every command, on top of the library's <see cref="WeightFiles"/>: the same readers
/// (any format), the same checks, with a path that is not a regular file or does not exist said as the option's fault.
/// </summary>
internal static class WeightsArgument
{
    /// <summary>Refuses a missing path, a directory, a named pipe or a device before it is opened.</summary>
    /// <exception cref="CliException">The path is not a regular file.</exception>
    public static void RequireFile(string path)
    {
        try
        {
            WeightFiles.RequireFile(path);
        }
        catch (FileNotFoundException)
        {
            throw new CliException($"--weights {path}: no such file.");
        }
        catch (WeightsException e) when (e.Message.StartsWith($"{path}: is ", StringComparison.Ordinal))
        {
            throw new CliException($"--weights {e.Message}");
        }
    }

    /// <summary>
    /// Loads the file into <paramref name="compiled"/> as <paramref name="matching"/> allows (an auxiliary head the file
    /// lacks keeps its initial values), writing the one line that says what kept its values to <paramref name="note"/>.
    /// </summary>
    /// <returns>What was loaded.</returns>
    /// <exception cref="CliException">The path is not a regular file, or cannot be read.</exception>
    /// <exception cref="WeightsException">The file does not fit, or holds NaN or Inf without <paramref name="allowNonFinite"/>.</exception>
    public static WeightsLoaded Load(ICompiledNetwork compiled, string path, TextWriter note, bool allowNonFinite = false, WeightMatching? matching = null)
    {
        RequireFile(path);
        try
        {
            var loaded = compiled.LoadWeights(path, matching, allowNonFinite);
            if (loaded.Note is { } line)
            {
                note.WriteLine(line);
            }

            return loaded;
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new CliException($"--weights {path}: {e.Message}", ExitCodes.Usage, e);
        }
    }

    /// <summary>Reads the file for <paramref name="network"/> without compiling it: how many tensors fit, and which hold NaN or Inf.</summary>
    /// <exception cref="CliException">The path is not a regular file, or cannot be read.</exception>
    /// <exception cref="WeightsException">The file does not fit.</exception>
    public static (int Tensors, string? NonFinite) Check(Network network, string path)
    {
        RequireFile(path);
        try
        {
            var state = WeightFiles.Default.Read(path, network, WeightMatching.AuxiliaryHeadsOptional);
            return (state.Count, WeightFiles.NonFinite(state));
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new CliException($"--weights {path}: {e.Message}", ExitCodes.Usage, e);
        }
    }
}
