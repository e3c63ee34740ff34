using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using FluentNets.Backends;

namespace FluentNets.Weights;

/// <summary>
/// Reads and writes weights in the safetensors format (https://huggingface.co/docs/safetensors),
/// which PyTorch, Keras 3 and Hugging Face tools also read: an 8-byte little-endian header length,
/// a JSON header <c>{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}</c>
/// padded with spaces to a multiple of 8 bytes, then the tensors' little-endian float32 bytes end to
/// end, offsets counted from the end of the header. FluentNets writes F32; it reads every dtype PyTorch's
/// safetensors writer uses for weights (F64, F16, BF16 and integer counters as float32 values), so a
/// torchvision-keyed file is read with the same checks and messages as FluentNets' own.
/// </summary>
public static class WeightFile
{
    /// <summary>The header key of the free-form string metadata.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>
    /// The most objects and arrays a header may nest: a safetensors header needs 3 (the header, a
    /// tensor, its shape); 64 is System.Text.Json's own default.
    /// </summary>
    public const int MaxHeaderDepth = 64;

    // The dtypes PyTorch's safetensors writer uses for a state dict, with their sizes; every one reads as float32
    // (integers such as num_batches_tracked exactly up to 2^24).
    private static readonly Dictionary<string, int> ElementSizes = new(StringComparer.Ordinal)
    {
        ["F32"] = 4, ["F64"] = 8, ["F16"] = 2, ["BF16"] = 2, ["I64"] = 8, ["I32"] = 4, ["I16"] = 2, ["I8"] = 1, ["U8"] = 1, ["BOOL"] = 1,
    };

    // safetensors' own reader refuses headers above 100 MB; so does this one, before allocating.
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>
    /// Writes <paramref name="tensors"/> to <paramref name="path"/>, names in ordinal order, with
    /// <c>"format": "pt"</c> and <paramref name="metadata"/> in the header's metadata. The file is
    /// written next to its destination under an exclusive lock and renamed over it (see
    /// <see cref="WeightFileTarget"/>), so a failed save leaves the old file and no partial one.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="tensors">Tensors by name.</param>
    /// <param name="metadata">Extra string metadata, e.g. the network's name.</param>
    /// <exception cref="ArgumentException">A name is empty or is <see cref="MetadataKey"/>.</exception>
    /// <exception cref="IOException">The file cannot be written, the path is not a regular file, or another process is saving to it.</exception>
    public static void Save(string path, IReadOnlyDictionary<string, HostTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        using var target = WeightFileTarget.Open(path);
        target.Write(tensors, metadata);
    }

    /// <summary>Writes the safetensors bytes of <paramref name="tensors"/> to <paramref name="stream"/>.</summary>
    /// <exception cref="ArgumentException">A name is empty or is <see cref="MetadataKey"/>.</exception>
    internal static void Write(Stream stream, IReadOnlyDictionary<string, HostTensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var names = tensors.Keys.Order(StringComparer.Ordinal).ToArray();
        var bad = names.FirstOrDefault(n => n.Length == 0 || n == MetadataKey);
        if (bad is not null)
        {
            throw new ArgumentException($"Expected tensor names other than \"\" and \"{MetadataKey}\". Received: name=\"{bad}\".", nameof(tensors));
        }

        byte[] header = Header(names, tensors, metadata);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (var name in names)
        {
            WriteFloats(stream, tensors[name].Data);
        }
    }

    /// <summary>Reads every tensor of a safetensors file, in the order of their data.</summary>
    /// <param name="path">The file to read.</param>
    /// <returns>Tensors by name.</returns>
    /// <exception cref="WeightsException">
    /// The file is truncated, its header is not safetensors JSON, a tensor is not F32, or its
    /// offsets do not fit its shape or the file: one line naming the file, what was expected and what was found.
    /// </exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IReadOnlyDictionary<string, HostTensor> Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Opening a named pipe waits for a writer, and a device may never end: look before opening.
        if (Data.FileKind.Of(path) is { } kind && kind != Data.FileKind.Regular)
        {
            throw Fail(path, Data.FileKind.Regular, kind);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        long fileLength = stream.Length;
        if (fileLength < 8)
        {
            throw Fail(path, "an 8-byte little-endian header length", $"a file of {fileLength} bytes");
        }

        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderBytes || (long)headerLength > fileLength - 8)
        {
            throw Fail(path, "a header length of at most the file's remaining bytes", $"{headerLength} bytes with {fileLength - 8} bytes after the length");
        }

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        var entries = ParseHeader(path, header);
        long dataLength = fileLength - 8 - (long)headerLength;
        long offset = 0;
        foreach (var e in entries)
        {
            if (e.Begin != offset)
            {
                throw Fail(path, $"tensor data laid end to end from offset 0, so '{e.Name}' at offset {offset}", $"data_offsets [{e.Begin}, {e.End}]");
            }

            offset = e.End;
        }

        if (offset != dataLength)
        {
            throw Fail(path, $"{offset} bytes of tensor data after the header", $"{dataLength} bytes");
        }

        var result = new Dictionary<string, HostTensor>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            var data = new float[(e.End - e.Begin) / ElementSizes[e.Type]];
            if (e.Type == "F32")
            {
                ReadFloats(stream, data);
            }
            else
            {
                ReadConverted(stream, e.Type, data);
            }

            result[e.Name] = new HostTensor(e.Shape, data);
        }

        return result;
    }

    /// <summary>
    /// The string metadata of a safetensors file's header (<c>__metadata__</c>), reading only the
    /// header: e.g. <c>format</c>, <c>network</c>, and what <c>train --save</c> records (input, preprocessing, class names).
    /// </summary>
    /// <exception cref="WeightsException">The file is too short, or its header is not safetensors JSON.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.Length < 8)
        {
            throw Fail(path, "an 8-byte little-endian header length", $"a file of {stream.Length} bytes");
        }

        stream.ReadExactly(lengthBytes);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderBytes || (long)headerLength > stream.Length - 8)
        {
            throw Fail(path, "a header length of at most the file's remaining bytes", $"{headerLength} bytes with {stream.Length - 8} bytes after the length");
        }

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        CheckUtf8(path, header);
        try
        {
            using var document = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = MaxHeaderDepth + 1 });
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(MetadataKey, out var metadata) && metadata.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in metadata.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    result[property.Name] = property.Value.GetString()!;
                }
            }

            return result;
        }
        catch (JsonException e)
        {
            throw Fail(path, "a JSON header", $"invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}");
        }
    }

    private static byte[] Header(string[] names, IReadOnlyDictionary<string, HostTensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject(MetadataKey);
            json.WriteString("format", "pt");
            foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
            {
                if (key != "format")
                {
                    json.WriteString(key, value);
                }
            }

            json.WriteEndObject();
            long offset = 0;
            foreach (var name in names)
            {
                var tensor = tensors[name];
                long end = offset + (long)tensor.Data.Length * sizeof(float);
                json.WriteStartObject(name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (int d in tensor.Shape)
                {
                    json.WriteNumberValue(d);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                json.WriteEndObject();
                offset = end;
            }

            json.WriteEndObject();
        }

        // Pad with spaces so the data starts 8-byte aligned, as safetensors' writer does.
        int padding = (int)((8 - buffer.Length % 8) % 8);
        buffer.Write(Enumerable.Repeat((byte)' ', padding).ToArray());
        return buffer.ToArray();
    }

    private static List<Entry> ParseHeader(string path, byte[] header)
    {
        CheckUtf8(path, header);
        CheckDepth(path, header);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = MaxHeaderDepth + 1 });
        }
        catch (JsonException e)
        {
            throw Fail(path, "a JSON header", $"invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Fail(path, "a JSON object as header", $"a JSON {root.ValueKind.ToString().ToLowerInvariant()}");
            }

            var entries = new List<Entry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw Fail(path, "each tensor named once in the header", $"'{property.Name}' twice");
                }

                if (property.Name != MetadataKey)
                {
                    entries.Add(ParseEntry(path, property.Name, property.Value));
                }
            }

            return entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
        }
    }

    // JsonDocument leaves strings unchecked until they are read, when bytes that are not UTF-8 throw
    // InvalidOperationException; the whole header is checked first instead.
    private static void CheckUtf8(string path, byte[] header)
    {
        if (!System.Text.Unicode.Utf8.IsValid(header))
        {
            throw Fail(path, "a header of UTF-8 text", $"bytes that are not UTF-8 at offset {8 + InvalidUtf8At(header)}");
        }
    }

    private static int InvalidUtf8At(byte[] bytes)
    {
        int offset = 0;
        while (Rune.DecodeFromUtf8(bytes.AsSpan(offset), out _, out int consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }

    // Refuses nesting past the limit with its own message; a header that is not JSON at all is left
    // to the parser, which says where.
    private static void CheckDepth(string path, byte[] header)
    {
        var reader = new Utf8JsonReader(header, new JsonReaderOptions { MaxDepth = MaxHeaderDepth + 1 });
        try
        {
            while (reader.Read())
            {
                bool opens = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray;
                if (opens && reader.CurrentDepth + 1 > MaxHeaderDepth)
                {
                    throw Fail(path, $"a JSON header nested at most {MaxHeaderDepth} levels deep (safetensors needs 3)",
                        $"deeper nesting at byte {8 + reader.TokenStartIndex}");
                }
            }
        }
        catch (JsonException)
        {
        }
    }

    private static Entry ParseEntry(string path, string name, JsonElement value)
    {
        string what = $"tensor '{name}'";
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path, $"an object for {what}", $"a JSON {value.ValueKind.ToString().ToLowerInvariant()}");
        }

        if (!value.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String)
        {
            throw Fail(path, $"a string dtype for {what}", "none");
        }

        string type = dtype.GetString()!;
        if (!ElementSizes.TryGetValue(type, out int size))
        {
            throw Fail(path, $"a dtype of {string.Join(", ", ElementSizes.Keys)} for {what}", $"dtype {Escape(type)}");
        }

        var shape = Integers(value, "shape").ToArray() is { } dims && dims.All(d => d is >= 0 and <= int.MaxValue)
            ? dims.Select(d => (int)d).ToArray()
            : throw Fail(path, $"a shape of non-negative integers for {what}", Text(value, "shape"));
        var offsets = Integers(value, "data_offsets").ToArray();
        if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0])
        {
            throw Fail(path, $"data_offsets [begin, end] with 0 <= begin <= end for {what}", Text(value, "data_offsets"));
        }

        long elements = shape.Aggregate(1L, (n, d) => n * d);
        if (elements > Array.MaxLength || offsets[1] - offsets[0] != elements * size)
        {
            throw Fail(path, $"{elements * size} bytes for {what} of shape [{string.Join(", ", shape)}] in {type}",
                $"data_offsets [{offsets[0]}, {offsets[1]}] ({offsets[1] - offsets[0]} bytes)");
        }

        return new Entry(name, type, shape, offsets[0], offsets[1]);
    }

    private static IEnumerable<long> Integers(JsonElement value, string property)
    {
        if (!value.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return [-1];
        }

        return array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long n) ? n : -1).ToArray();
    }

    private static string Text(JsonElement value, string property) =>
        value.TryGetProperty(property, out var p) ? p.GetRawText() : "none";

    private static void WriteFloats(Stream stream, float[] data)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(data.AsSpan()));
            return;
        }

        var bytes = new byte[sizeof(float)];
        foreach (float f in data)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes, f);
            stream.Write(bytes);
        }
    }

    private static void ReadFloats(Stream stream, float[] data)
    {
        stream.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            var ints = MemoryMarshal.Cast<float, int>(data.AsSpan());
            BinaryPrimitives.ReverseEndianness(ints, ints);
        }
    }

    private static WeightsException Fail(string path, string expected, string found) =>
        new($"{path}: expected {expected}, found {found}.");

    /// <summary>Reads <paramref name="data"/>.Length values of <paramref name="type"/> and converts each to float32.</summary>
    private static void ReadConverted(Stream stream, string type, float[] data)
    {
        int size = ElementSizes[type];
        var bytes = new byte[Math.Min(data.Length, 1 << 16) * size];
        for (int done = 0; done < data.Length;)
        {
            int count = Math.Min(data.Length - done, bytes.Length / size);
            var chunk = bytes.AsSpan(0, count * size);
            stream.ReadExactly(chunk);
            for (int i = 0; i < count; i++)
            {
                var b = chunk.Slice(i * size, size);
                data[done + i] = type switch
                {
                    "F64" => (float)BinaryPrimitives.ReadDoubleLittleEndian(b),
                    "F16" => (float)BinaryPrimitives.ReadHalfLittleEndian(b),
                    // bfloat16 is the upper half of a float32.
                    "BF16" => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(b) << 16),
                    "I64" => BinaryPrimitives.ReadInt64LittleEndian(b),
                    "I32" => BinaryPrimitives.ReadInt32LittleEndian(b),
                    "I16" => BinaryPrimitives.ReadInt16LittleEndian(b),
                    "I8" => (sbyte)b[0],
                    _ => b[0],
                };
            }

            done += count;
        }
    }

    private static string Escape(string text) => string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    private sealed record Entry(string Name, string Type, int[] Shape, long Begin, long End);
}
