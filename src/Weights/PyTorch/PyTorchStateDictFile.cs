using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using FluentNets.Backends;

namespace FluentNets.Weights;

/// <summary>
/// Reads the state dict of a file written by <c>torch.save</c> (PyTorch 1.6 and later: a zip archive holding
/// <c>{name}/data.pkl</c>, the pickled dict, and each tensor storage's bytes as <c>{name}/data/{key}</c>) without
/// running any of the pickle: a small pickle machine that knows only what a state dict is made of
/// (<c>collections.OrderedDict</c>, <c>torch._utils._rebuild_tensor_v2</c>, <c>_rebuild_parameter</c> and the
/// typed storage classes) and refuses every other global, so a pickle that would call <c>os.system</c> under
/// Python's <c>pickle</c> is refused and nothing is executed. What <c>torch.load</c> reads, this reads: tensors
/// that share one storage at offsets (tied weights, slices of one tensor), strided views (a transposed
/// tensor), <c>nn.Parameter</c> values, float16, bfloat16, float64 and integer storages, either byte order.
/// Every length and size in the file is checked against the bytes that hold it before anything is allocated.
/// </summary>
internal static class PyTorchStateDictFile
{
    // A state dict's pickle holds names and small tuples: a ResNet-152's is under 100 KB, with about 10,000 values.
    private const long MaxPickleBytes = 16L << 20;
    private const int MaxValues = 1 << 20;

    // Deflate cannot expand data more than about 1032 times.
    private const long MaxDeflateRatio = 1032;

    private static readonly Dictionary<string, (int Size, string Name)> Storages = new(StringComparer.Ordinal)
    {
        ["FloatStorage"] = (4, "float32"),
        ["DoubleStorage"] = (8, "float64"),
        ["HalfStorage"] = (2, "float16"),
        ["BFloat16Storage"] = (2, "bfloat16"),
        ["LongStorage"] = (8, "int64"),
        ["IntStorage"] = (4, "int32"),
        ["ShortStorage"] = (2, "int16"),
        ["CharStorage"] = (1, "int8"),
        ["ByteStorage"] = (1, "uint8"),
        ["BoolStorage"] = (1, "bool"),
    };

    /// <summary>Every tensor of the state dict, by key, as float32 values in row-major order.</summary>
    /// <exception cref="InvalidDataException">The file is not a state dict <c>torch.load</c> reads, or holds something else: one line.</exception>
    public static IReadOnlyDictionary<string, HostTensor> Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var magic = new byte[2];
        int got = stream.Read(magic);
        if (got == 2 && magic[0] == 0x80 && magic[1] <= 5)
        {
            throw new InvalidDataException("a pickle without the zip archive around it, as torch.save wrote before PyTorch 1.6 or with _use_new_zipfile_serialization=False; load it in PyTorch and save it again");
        }

        if (got < 2 || magic[0] != (byte)'P' || magic[1] != (byte)'K')
        {
            throw new InvalidDataException("no zip archive (torch.save writes one since PyTorch 1.6)");
        }

        stream.Position = 0;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        var pickles = zip.Entries.Where(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.IndexOf('/') == e.FullName.Length - 9).ToList();
        if (pickles.Count != 1)
        {
            throw new InvalidDataException($"one NAME/data.pkl in the archive, as torch.save writes, but {pickles.Count} were found");
        }

        string prefix = pickles[0].FullName[..^"data.pkl".Length];
        bool bigEndian = zip.GetEntry(prefix + "byteorder") is { } order && Text(Bytes(order, 16, stream.Length)) == "big";
        var reader = new StorageReader(zip, prefix, stream.Length, bigEndian);
        object? root = new Unpickler(Bytes(pickles[0], MaxPickleBytes, stream.Length), reader).Load();
        if (root is not Dict dict)
        {
            throw new InvalidDataException($"a dict of tensors, but the pickle holds {Describe(root)}");
        }

        var result = new Dictionary<string, HostTensor>(StringComparer.Ordinal);
        foreach (var (key, value) in dict.Items)
        {
            if (key is not string name)
            {
                throw new InvalidDataException($"string keys, but one is {Describe(key)}");
            }

            if (value is not HostTensor tensor)
            {
                throw new InvalidDataException($"a tensor for '{Escape(name)}', but it is {Describe(value)}");
            }

            result[name] = tensor;
        }

        return result;
    }

    /// <summary>Text safe to print on one line: control characters (C0, DEL, C1, line and paragraph separators) as <c>\xNN</c> or <c>\uNNNN</c>.</summary>
    internal static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                builder.Append(c <= 0xFF ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static byte[] Bytes(ZipArchiveEntry entry, long most, long fileLength)
    {
        if (entry.Length > most || entry.Length > entry.CompressedLength * MaxDeflateRatio || entry.CompressedLength > fileLength)
        {
            throw new InvalidDataException($"'{Escape(entry.FullName)}' of at most {Math.Min(most, fileLength * MaxDeflateRatio)} bytes, but its header says {entry.Length}");
        }

        var bytes = new byte[entry.Length];
        using var data = entry.Open();
        data.ReadExactly(bytes);
        // .NET's zip reader does not check an entry's CRC-32, so a damaged offset could read another entry's bytes;
        // PyTorch's reader (miniz) checks it.
        uint crc = Crc32(bytes);
        if (crc != entry.Crc32)
        {
            throw new InvalidDataException($"'{Escape(entry.FullName)}' whose bytes have the CRC-32 its zip entry records (0x{entry.Crc32:x8}), but they give 0x{crc:x8}");
        }

        return bytes;
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    /// <summary>The zip format's CRC-32 (ISO 3309, reflected polynomial 0xEDB88320).</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static string Text(byte[] bytes) => Encoding.ASCII.GetString(bytes).Trim();

    private static string Describe(object? value) => value switch
    {
        null => "None",
        string s => $"the string '{Escape(s.Length > 40 ? s[..40] + "..." : s)}'",
        long or double or bool => $"the number {Convert.ToString(value, CultureInfo.InvariantCulture)}",
        object[] => "a tuple",
        List<object?> => "a list",
        Dict => "a dict",
        Global g => $"the class {Escape(g.Name)}",
        _ => value.GetType().Name,
    };

    /// <summary>The storage of a persistent id: its element type and the archive entry with its bytes.</summary>
    private sealed record Storage(string Type, int ItemSize, string Key, long Count);

    /// <summary>A class or function the pickle names with GLOBAL, kept by name and never looked up.</summary>
    private sealed record Global(string Name);

    /// <summary>A dict, in the order its items were set, as Python's are.</summary>
    private sealed class Dict
    {
        public List<(object? Key, object? Value)> Items { get; } = [];
    }

    /// <summary>Reads a storage's bytes once, however many tensors view it.</summary>
    private sealed class StorageReader(ZipArchive zip, string prefix, long fileLength, bool bigEndian)
    {
        private readonly Dictionary<string, byte[]> read = new(StringComparer.Ordinal);

        // A file's tensors hold at most as many values as its storages, unless a view repeats elements (stride 0);
        // more than eight per byte of the file, or 16 Mi for a small file, is damage, refused before it is allocated.
        private double left = Math.Max(8.0 * fileLength, 1 << 24);

        public HostTensor Tensor(Storage storage, long offset, long[] size, long[] stride)
        {
            if (size.Length != stride.Length || size.Any(s => s < 0 || s > int.MaxValue) || stride.Any(s => s < 0) || offset < 0)
            {
                throw new InvalidDataException($"a tensor of sizes and strides that are not negative, but sizes ({string.Join(", ", size)}) and strides ({string.Join(", ", stride)}) at offset {offset}");
            }

            double count = size.Aggregate(1.0, (n, s) => n * s);
            double last = offset + size.Select((s, i) => s == 0 ? 0 : (s - 1) * (double)stride[i]).Sum();
            if (count > 0 && last >= storage.Count)
            {
                throw new InvalidDataException($"a tensor inside its storage '{Escape(storage.Key)}' of {storage.Count} elements, but sizes ({string.Join(", ", size)}), strides ({string.Join(", ", stride)}) and offset {offset} reach element {last}");
            }

            left -= count;
            if (left < 0)
            {
                throw new InvalidDataException($"tensors of at most {Math.Max(8.0 * fileLength, 1 << 24)} values in all for a file of {fileLength} bytes, but one of sizes ({string.Join(", ", size)}) goes past that");
            }

            byte[] bytes = Bytes(storage);
            var values = new float[(int)count];
            var shape = size.Select(s => (int)s).ToArray();
            var index = new long[shape.Length];
            for (int o = 0; o < values.Length; o++)
            {
                long element = offset;
                for (int i = 0; i < shape.Length; i++)
                {
                    element += index[i] * stride[i];
                }

                values[o] = Value(bytes.AsSpan(checked((int)(element * storage.ItemSize)), storage.ItemSize), storage.Type);
                for (int i = shape.Length - 1; i >= 0 && ++index[i] == shape[i]; i--)
                {
                    index[i] = 0;
                }
            }

            return new HostTensor(shape, values);
        }

        private byte[] Bytes(Storage storage)
        {
            if (read.TryGetValue(storage.Key, out var cached))
            {
                return cached;
            }

            var entry = zip.GetEntry($"{prefix}data/{storage.Key}")
                ?? throw new InvalidDataException($"the storage '{Escape(storage.Key)}' the pickle names at {prefix}data/, but the archive has none");
            long bytes = storage.Count * storage.ItemSize;
            if (entry.Length < bytes)
            {
                throw new InvalidDataException($"{storage.Count} {storage.Type} values ({bytes} bytes) in storage '{Escape(storage.Key)}', but it holds {entry.Length} bytes");
            }

            if (bytes > Array.MaxLength)
            {
                throw new InvalidDataException($"a storage of at most {Array.MaxLength} bytes, but '{Escape(storage.Key)}' has {bytes}");
            }

            var data = PyTorchStateDictFile.Bytes(entry, entry.Length, fileLength);
            read[storage.Key] = data;
            return data;
        }

        private float Value(ReadOnlySpan<byte> b, string type) => type switch
        {
            "float32" => bigEndian ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
            "float64" => (float)(bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b)),
            "float16" => (float)(bigEndian ? BinaryPrimitives.ReadHalfBigEndian(b) : BinaryPrimitives.ReadHalfLittleEndian(b)),
            "bfloat16" => BitConverter.Int32BitsToSingle((bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b)) << 16),
            "int64" => bigEndian ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b),
            "int32" => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
            "int16" => bigEndian ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
            "int8" => (sbyte)b[0],
            _ => b[0],
        };
    }

    /// <summary>The pickle opcodes a state dict is written with (protocols 2 to 5), and no others.</summary>
    private sealed class Unpickler(byte[] pickle, StorageReader storages)
    {
        private readonly List<object?> stack = [];
        private readonly Stack<int> marks = new();
        private readonly Dictionary<long, object?> memo = [];
        private int at;

        public object? Load()
        {
            while (true)
            {
                if (at >= pickle.Length)
                {
                    throw new InvalidDataException($"a pickle that ends with STOP, but it ends after {pickle.Length} bytes");
                }

                int position = at;
                if (stack.Count + memo.Count > MaxValues)
                {
                    throw Bad(position, $"at most {MaxValues} values on the stack and in the memo, as a state dict needs");
                }

                byte op = pickle[at++];
                switch (op)
                {
                    case 0x80: Take(1); break; // PROTO
                    case 0x95: Take(8); break; // FRAME
                    case (byte)'.': return stack.Count == 1 ? stack[0] : throw Bad(position, $"one value left at STOP, but {stack.Count}");
                    case (byte)'(': marks.Push(stack.Count); break;
                    case (byte)'}': stack.Add(new Dict()); break;
                    case (byte)']': stack.Add(new List<object?>()); break;
                    case (byte)')': stack.Add(Array.Empty<object?>()); break;
                    case (byte)'N': stack.Add(null); break;
                    case 0x88: stack.Add(true); break;
                    case 0x89: stack.Add(false); break;
                    case (byte)'K': stack.Add((long)Take(1)[0]); break;
                    case (byte)'M': stack.Add((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break;
                    case (byte)'J': stack.Add((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break;
                    case 0x8a: stack.Add(Long(Take(1)[0], position)); break; // LONG1
                    case (byte)'G': stack.Add(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break;
                    case (byte)'X': stack.Add(Utf8(Take(Length(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)), position)), position)); break;
                    case 0x8c: stack.Add(Utf8(Take(Take(1)[0]), position)); break; // SHORT_BINUNICODE
                    case 0x8d: stack.Add(Utf8(Take(Length(BinaryPrimitives.ReadUInt64LittleEndian(Take(8)), position)), position)); break; // BINUNICODE8
                    case (byte)'q': Put(Take(1)[0], position); break;
                    case (byte)'r': Put(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)), position); break;
                    case 0x94: Put(memo.Count, position); break; // MEMOIZE
                    case (byte)'h': stack.Add(Get(Take(1)[0], position)); break;
                    case (byte)'j': stack.Add(Get(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)), position)); break;
                    case (byte)'t': stack.Add(PopMark(position).ToArray()); break;
                    case 0x85: stack.Add(Pop(1, position)); break;
                    case 0x86: stack.Add(Pop(2, position)); break;
                    case 0x87: stack.Add(Pop(3, position)); break;
                    case (byte)'c': stack.Add(Named(Line(position) + "." + Line(position), position)); break; // GLOBAL
                    case 0x93: // STACK_GLOBAL
                        var names = Pop(2, position);
                        stack.Add(Named(names[0] is string m && names[1] is string n ? m + "." + n : throw Bad(position, "two strings for STACK_GLOBAL"), position));
                        break;
                    case (byte)'Q': stack.Add(Persistent(Pop(1, position)[0], position)); break; // BINPERSID
                    case (byte)'R': // REDUCE
                        var call = Pop(2, position);
                        stack.Add(Reduce(call[0], call[1] as object?[] ?? throw Bad(position, "a tuple of arguments for REDUCE"), position));
                        break;
                    case (byte)'b': Pop(1, position); break; // BUILD: a state dict's _metadata, ignored as load_state_dict does for weights
                    case (byte)'s': SetItems(Pop(2, position), position); break;
                    case (byte)'u': SetItems(PopMark(position).ToArray(), position); break;
                    case (byte)'a': Append(Pop(1, position), position); break;
                    case (byte)'e': Append(PopMark(position).ToArray(), position); break;
                    default:
                        throw Bad(position, $"an opcode of a state dict's pickle, but 0x{op:x2}");
                }
            }
        }

        private static InvalidDataException Bad(int position, string what) => new($"data.pkl at byte {position}: expected {what}");

        private ReadOnlySpan<byte> Take(long count)
        {
            if (count > pickle.Length - at)
            {
                throw Bad(at, $"{count} more bytes, but the pickle has {pickle.Length - at}");
            }

            var span = pickle.AsSpan(at, (int)count);
            at += (int)count;
            return span;
        }

        private long Length(ulong length, int position) =>
            length <= (ulong)(pickle.Length - at) ? (long)length : throw Bad(position, $"a string of at most the {pickle.Length - at} bytes left, but its length says {length}");

        private static string Utf8(ReadOnlySpan<byte> bytes, int position) =>
            System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : throw Bad(position, "a UTF-8 string");

        private object Long(int count, int position)
        {
            if (count > 8)
            {
                throw Bad(position, $"an integer of at most 8 bytes, but one of {count}");
            }

            var bytes = Take(count);
            long value = 0;
            for (int i = count - 1; i >= 0; i--)
            {
                value = (value << 8) | bytes[i];
            }

            // Two's complement of count bytes: sign-extend from the top bit.
            return count is > 0 and < 8 && (bytes[count - 1] & 0x80) != 0 ? value - (1L << (8 * count)) : value;
        }

        private string Line(int position)
        {
            int end = Array.IndexOf(pickle, (byte)'\n', at);
            if (end < 0 || end - at > 256)
            {
                throw Bad(position, "a module or class name ended by a line break");
            }

            string text = Encoding.UTF8.GetString(pickle, at, end - at);
            at = end + 1;
            return text;
        }

        private void Put(long index, int position)
        {
            if (stack.Count == 0)
            {
                throw Bad(position, "a value to memoize");
            }

            memo[index] = stack[^1];
        }

        private object? Get(long index, int position) =>
            memo.TryGetValue(index, out var value) ? value : throw Bad(position, $"memo {index} to have been set");

        private object?[] Pop(int count, int position)
        {
            if (stack.Count - count < (marks.Count > 0 ? marks.Peek() : 0))
            {
                throw Bad(position, $"{count} values on the stack");
            }

            var values = stack.GetRange(stack.Count - count, count).ToArray();
            stack.RemoveRange(stack.Count - count, count);
            return values;
        }

        private List<object?> PopMark(int position)
        {
            if (marks.Count == 0)
            {
                throw Bad(position, "a MARK before it");
            }

            int mark = marks.Pop();
            var values = stack.GetRange(mark, stack.Count - mark);
            stack.RemoveRange(mark, stack.Count - mark);
            return values;
        }

        private void SetItems(object?[] pairs, int position)
        {
            if (pairs.Length % 2 != 0 || stack.Count == 0 || stack[^1] is not Dict dict)
            {
                throw Bad(position, "a dict and key-value pairs to set in it");
            }

            for (int i = 0; i < pairs.Length; i += 2)
            {
                int existing = dict.Items.FindIndex(item => Equals(item.Key, pairs[i]));
                if (existing >= 0)
                {
                    dict.Items[existing] = (pairs[i], pairs[i + 1]);
                }
                else
                {
                    dict.Items.Add((pairs[i], pairs[i + 1]));
                }
            }
        }

        private void Append(object?[] values, int position)
        {
            if (stack.Count == 0 || stack[^1] is not List<object?> list)
            {
                throw Bad(position, "a list to append to");
            }

            list.AddRange(values);
        }

        private static Global Named(string name, int position) => name switch
        {
            "collections.OrderedDict" or "torch._utils._rebuild_tensor_v2" or "torch._utils._rebuild_parameter"
                or "torch._utils._rebuild_parameter_with_state" => new Global(name),
            _ when name.StartsWith("torch.", StringComparison.Ordinal) && Storages.ContainsKey(name["torch.".Length..]) => new Global(name),
            _ when name.StartsWith("torch.nn.modules.", StringComparison.Ordinal) || name.StartsWith("__main__.", StringComparison.Ordinal) =>
                throw new InvalidDataException($"a state dict, but the pickle holds an object of class {Escape(name)}, as torch.save(model) writes for an entire model; save model.state_dict() instead"),
            _ => throw Bad(position, $"only the classes a state dict is made of, but the pickle names {Escape(name)}, which FluentNets never calls (Python's pickle would)"),
        };

        private object Persistent(object? id, int position)
        {
            // torch.save's persistent id of a storage: ('storage', torch.FloatStorage, key, location, element count).
            if (id is not object?[] { Length: 5 } tuple || tuple[0] is not "storage" || tuple[1] is not Global type || tuple[2] is not string key || tuple[4] is not long count || count < 0
                || !type.Name.StartsWith("torch.", StringComparison.Ordinal) || !Storages.TryGetValue(type.Name["torch.".Length..], out var kind))
            {
                throw Bad(position, "a persistent id ('storage', a torch storage class, key, location, size)");
            }

            var (size, name) = kind;
            return new Storage(name, size, key, count);
        }

        private object? Reduce(object? callable, object?[] args, int position)
        {
            switch ((callable as Global)?.Name)
            {
                case "collections.OrderedDict" when args.Length == 0:
                    return new Dict();
                case "torch._utils._rebuild_tensor_v2" when args.Length >= 4 && args[0] is Storage storage && args[1] is long offset:
                    return storages.Tensor(storage, offset, Longs(args[2], position), Longs(args[3], position));
                case "torch._utils._rebuild_parameter" or "torch._utils._rebuild_parameter_with_state" when args.Length >= 1 && args[0] is HostTensor data:
                    // nn.Parameter(data): for inference the values are all there is.
                    return data;
                default:
                    throw Bad(position, $"a call that rebuilds a tensor or a dict, but {Describe(callable)} with {args.Length} arguments");
            }
        }

        private static long[] Longs(object? value, int position) =>
            value is object?[] tuple && tuple.All(v => v is long) ? tuple.Cast<long>().ToArray() : throw Bad(position, "a tuple of integers for a tensor's size or stride");
    }
}
