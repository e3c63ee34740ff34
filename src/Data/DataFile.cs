using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.IO.Hashing;

namespace FluentNets.Data;

/// <summary>
/// Reads a data file whole, decompressing it if it is gzip, never past what the file's own header
/// announces nor past a maximum size, and only from a regular file.
/// </summary>
internal static class DataFile
{
    /// <summary>
    /// A file's header length and the total size (header included) that header announces, given the
    /// file's name and header; the function may throw <see cref="DataFormatException"/> for a header it refuses.
    /// </summary>
    public sealed record Layout(int HeaderBytes, Func<string, byte[], long> AnnouncedBytes);

    /// <summary>
    /// Reads <paramref name="name"/> from <paramref name="directory"/>, or, when
    /// <paramref name="alsoGz"/>, <c>name.gz</c> if the plain file is absent.
    /// Returns the name of the file read and its (decompressed) bytes.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="name">The file's name.</param>
    /// <param name="alsoGz">Whether <c>name.gz</c> is looked for too.</param>
    /// <param name="maxBytes">The most bytes the file may hold, decompressed.</param>
    /// <param name="layout">The header that announces the content's size; a gzip stream is inflated no further.</param>
    /// <exception cref="DataFormatException">
    /// No such file, not a regular file, it can't be read, it is larger than <paramref name="maxBytes"/>,
    /// or its gzip stream is corrupt, cut short, followed by other data, or longer than its header announces.
    /// </exception>
    public static (string Name, byte[] Bytes) Read(string directory, string name, bool alsoGz, long maxBytes, Layout? layout = null)
    {
        var candidates = alsoGz ? new[] { name, name + ".gz" } : [name];
        var found = candidates.FirstOrDefault(c => FileKind.Of(Path.Combine(directory, c)) is not null);
        if (found is null)
        {
            var expected = alsoGz ? $"{name} or {name}.gz in {directory}" : $"{name} in {directory}";
            throw new DataFormatException(name, expected, "no such file");
        }

        string path = Path.Combine(directory, found);
        string kind = FileKind.Of(path) ?? "no such file";
        if (kind != FileKind.Regular)
        {
            throw new DataFormatException(found, FileKind.Regular, kind);
        }

        byte[] bytes;
        try
        {
            long length = new FileInfo(path).Length;
            if (length > maxBytes)
            {
                throw new DataFormatException(found, $"at most {Bytes(maxBytes)} (the limit)", Bytes(length));
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(found, "a readable file", $"an error reading it ({e.GetType().Name})", e);
        }

        return (found, Decompress(found, bytes, maxBytes, layout));
    }

    /// <summary>
    /// The bytes themselves, or, if they start with the gzip magic 1f 8b, their decompressed content,
    /// checked against the gzip trailer (CRC-32 and length) with nothing after it, as gzip checks it.
    /// </summary>
    /// <param name="name">The file's name, for messages.</param>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="maxBytes">The most bytes the content may hold.</param>
    /// <param name="layout">The header that announces the content's size; the stream is inflated no further.</param>
    /// <exception cref="DataFormatException">
    /// The gzip stream is corrupt, cut short or followed by other data, its content is longer than
    /// <paramref name="maxBytes"/> or than its header announces, or a .gz file lacks the gzip magic.
    /// </exception>
    public static byte[] Decompress(string name, byte[] bytes, long maxBytes, Layout? layout = null)
    {
        var isGzip = bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
        if (!isGzip)
        {
            if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                var start = string.Join(" ", bytes.Take(2).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
                throw new DataFormatException(name, "gzip data starting 1f 8b", bytes.Length == 0 ? "an empty file" : $"{start}");
            }

            return bytes;
        }

        byte[] content;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            content = layout is null ? Inflate(name, gzip, maxBytes) : Inflate(name, gzip, maxBytes, layout);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(name, "a valid gzip stream", "corrupt compressed data", e);
        }

        CheckTrailer(name, bytes, content);
        return content;
    }

    // Inflates no more than the header announces, and refuses the first byte past it: a small file
    // that inflates to gigabytes costs one buffer of the announced size, not the gigabytes.
    private static byte[] Inflate(string name, GZipStream gzip, long maxBytes, Layout layout)
    {
        var header = new byte[layout.HeaderBytes];
        int got = gzip.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < header.Length)
        {
            return header[..got];
        }

        long announced = layout.AnnouncedBytes(name, header);
        if (announced > maxBytes)
        {
            throw new DataFormatException(name, $"at most {Bytes(maxBytes)} (the limit)", $"a header announcing {Bytes(announced)}");
        }

        var content = new byte[announced];
        header.CopyTo(content, 0);
        int body = gzip.ReadAtLeast(content.AsSpan(header.Length), content.Length - header.Length, throwOnEndOfStream: false);
        if (header.Length + body < content.Length)
        {
            return content[..(header.Length + body)];
        }

        if (gzip.ReadByte() >= 0)
        {
            throw new DataFormatException(name, $"{Bytes(announced)} of content, as its header announces", "more compressed data after them");
        }

        return content;
    }

    private static byte[] Inflate(string name, GZipStream gzip, long maxBytes)
    {
        using var output = new MemoryStream();
        var buffer = new byte[1 << 16];
        int read;
        while ((read = gzip.Read(buffer)) > 0)
        {
            if (output.Length + read > maxBytes)
            {
                throw new DataFormatException(name, $"at most {Bytes(maxBytes)} of content (the limit)", "more");
            }

            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    // .NET's GZipStream checks a trailer that is there, but ends quietly when the file stops before
    // it and ignores bytes after the last member that do not start another. The file must end in the
    // CRC-32 and length (mod 2^32) of its last member, which is the end of the content.
    private static void CheckTrailer(string name, byte[] bytes, byte[] content)
    {
        const int MinimumMember = 18;
        bool whole = bytes.Length >= MinimumMember;
        if (whole)
        {
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4));
            whole = length <= content.Length && Crc32.HashToUInt32(content.AsSpan(content.Length - (int)length)) == crc;
        }

        if (!whole)
        {
            throw new DataFormatException(name, "a gzip stream that ends with its CRC-32 and length, as gzip writes it", "a stream cut short or followed by other data");
        }
    }

    /// <summary><c>47,040,016 bytes</c>.</summary>
    public static string Bytes(long count) => string.Create(CultureInfo.InvariantCulture, $"{count:N0} bytes");
}
