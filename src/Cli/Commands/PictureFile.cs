namespace FluentNets.Cli.Commands;

/// <summary>
/// A picture a command writes (<c>train --plot</c>, <c>evaluate --confusion</c>): checked before
/// the work starts, so that a typo in the path does not cost a training run, and replaced whole
/// each time it is written, so that a viewer never sees half a file.
/// </summary>
internal static class PictureFile
{
    /// <summary>The full path of <paramref name="path"/>, once it is known to name a file in an existing folder.</summary>
    /// <exception cref="CliException">The path is empty, a folder, or in a folder that does not exist.</exception>
    public static string Check(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliException($"{option} needs a file name, e.g. {option} picture.svg.");
        }

        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CliException($"{option} {path}: is a directory; expected a file name such as {Path.Combine(path, "picture.svg")}.");
        }

        string? directory = Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new CliException($"{option} {path}: the directory {directory} does not exist.");
        }

        return full;
    }

    /// <summary>Replaces the file with <paramref name="text"/>: written beside it, then renamed over it.</summary>
    /// <exception cref="CliException">The file cannot be written; it is left as it was.</exception>
    public static void Write(string path, string option, string text)
    {
        string partial = path + ".partial";
        try
        {
            File.WriteAllText(partial, text);
            File.Move(partial, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(partial);
            throw new CliException($"{option} {path}: {e.Message}", ExitCodes.Usage, e);
        }
    }
}
