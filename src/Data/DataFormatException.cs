namespace FluentNets.Data;

/// <summary>
/// The one exception for a data file that can't be read: missing, truncated, corrupt, or of
/// another format. Its one-line message names the file, what was expected and what was found,
/// e.g. <c>train-images-idx3-ubyte: expected magic 2051 (IDX images), found 2049.</c>
/// A loader that throws it returns nothing half-loaded.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception; the message is <c>"{file}: expected {expected}, found {found}."</c>.</summary>
    /// <param name="file">The file's name, as the loader looked for it.</param>
    /// <param name="expected">What the format requires at this point.</param>
    /// <param name="found">What the file holds instead.</param>
    /// <param name="innerException">The error that revealed the problem, if any (e.g. a gzip decoder's).</param>
    public DataFormatException(string file, string expected, string found, Exception? innerException = null)
        : base($"{file}: expected {expected}, found {found}.", innerException)
    {
        File = file;
        Expected = expected;
        Found = found;
    }

    /// <summary>The file's name.</summary>
    public string File { get; }

    /// <summary>What the format requires.</summary>
    public string Expected { get; }

    /// <summary>What the file holds instead.</summary>
    public string Found { get; }
}
