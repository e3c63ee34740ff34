using System.IO.Compression;

namespace FluentNets.Data;

/// <summary>Reads a data file whole, decompressing it if it is gzip.</summary>
internal static class DataFile
{
    /// <summary>
    /// Reads <paramref name="name"/> from <paramref name="directory"/>, or, when
    /// <paramref name="alsoGz"/>, <c>name.gz</c> if the plain file is absent.
    /// Returns the name of the file read and its (decompressed) bytes.
    /// </summary>
    /// <exception cref="DataFormatException">No such file, it can't be read, or its gzip stream is corrupt.</exception>
    public static (string Name, byte[] Bytes) Read(string directory, string name, bool alsoGz)
    {
        var candidates = alsoGz ? new[] { name, name + ".gz" } : [name];
        var found = candidates.FirstOrDefault(c => File.Exists(Path.Combine(directory, c)));
        if (found is null)
        {
            var expected = alsoGz ? $"{name} or {name}.gz in {directory}" : $"{name} in {directory}";
            throw new DataFormatException(name, expected, "no such file");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path.Combine(directory, found));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(found, "a readable file", $"an error reading it ({e.GetType().Name})", e);
        }

        return (found, Decompress(found, bytes));
    }

    /// <summary>The bytes themselves, or, if they start with the gzip magic 1f 8b, their decompressed content.</summary>
    /// <exception cref="DataFormatException">The gzip stream is corrupt, or a .gz file lacks the gzip magic.</exception>
    public static byte[] Decompress(string name, byte[] bytes)
    {
        var isGzip = bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
        if (!isGzip)
        {
            if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                var start = string.Join(" ", bytes.Take(2).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
                throw new DataFormatException(name, "gzip data starting 1f 8b", bytes.Length == 0 ? "an empty file" : $"{start}");
            }

            return bytes;
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(name, "a valid gzip stream", "corrupt compressed data", e);
        }
    }
}
