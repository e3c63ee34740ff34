using System.Buffers.Binary;
using System.Text;
using FluentNets.Weights;

namespace FluentNets.Backends.Tests.Abstractions;

public sealed class WeightFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("fluentnets-weights-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void ARoundTripIsBitExact()
    {
        string path = Path.Combine(directory, "round-trip.safetensors");
        var tensors = new Dictionary<string, HostTensor>
        {
            ["conv/1x1.weight"] = new([2, 1, 1, 3], [1.5f, -0f, float.Epsilon, float.MaxValue, float.NegativeInfinity, float.NaN]),
            ["bias"] = new([0], []),
            ["scalarish"] = new([1], [MathF.PI]),
        };

        WeightFile.Save(path, tensors);
        var loaded = WeightFile.Load(path);

        Assert.Equal(tensors.Keys.Order(StringComparer.Ordinal), loaded.Keys);
        foreach (var (name, tensor) in tensors)
        {
            Assert.Equal(tensor.Shape, loaded[name].Shape);
            Assert.Equal(tensor.Data.Select(BitConverter.SingleToInt32Bits), loaded[name].Data.Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void TheFileIsSafetensorsWithAn8ByteAlignedHeader()
    {
        string path = Path.Combine(directory, "layout.safetensors");

        WeightFile.Save(path, new Dictionary<string, HostTensor> { ["b"] = new([2], [1, 2]), ["a"] = new([1], [3]) }, new Dictionary<string, string> { ["network"] = "tiny" });

        byte[] bytes = File.ReadAllBytes(path);
        long headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.Equal(0, headerLength % 8);
        Assert.Equal(
            """{"__metadata__":{"format":"pt","network":"tiny"},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""",
            header.TrimEnd(' '));
        Assert.Equal(8 + headerLength + 12, bytes.Length);
        Assert.Equal([3f, 1f, 2f], Enumerable.Range(0, 3).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)(8 + headerLength) + 4 * i))));
    }

    [Fact]
    public void AFileShorterThanTheHeaderLengthIsRefused()
    {
        string path = Path.Combine(directory, "tiny.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);

        var e = Assert.Throws<WeightsException>(() => WeightFile.Load(path));

        Assert.Equal($"{path}: expected an 8-byte little-endian header length, found a file of 3 bytes.", e.Message);
    }

    [Fact]
    public void ATruncatedFileNamesTheBytesMissing()
    {
        string path = Path.Combine(directory, "truncated.safetensors");
        WeightFile.Save(path, new Dictionary<string, HostTensor> { ["w"] = new([4], [1, 2, 3, 4]) });
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^5]);

        var e = Assert.Throws<WeightsException>(() => WeightFile.Load(path));

        Assert.Equal($"{path}: expected 16 bytes of tensor data after the header, found 11 bytes.", e.Message);
    }

    [Fact]
    public void AFileCutInsideTheHeaderIsRefused()
    {
        string path = Path.Combine(directory, "cut.safetensors");
        WeightFile.Save(path, new Dictionary<string, HostTensor> { ["w"] = new([4], [1, 2, 3, 4]) });
        byte[] bytes = File.ReadAllBytes(path);
        long headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        File.WriteAllBytes(path, bytes[..20]);

        var e = Assert.Throws<WeightsException>(() => WeightFile.Load(path));

        Assert.Equal($"{path}: expected a header length of at most the file's remaining bytes, found {headerLength} bytes with 12 bytes after the length.", e.Message);
    }

    public static TheoryData<string, string> BadHeaders => new()
    {
        { "not json", "expected a JSON header, found invalid JSON at line 1, byte 2." },
        { "{\"w\": {\"dtype\": \"F32\",}", "expected a JSON header, found invalid JSON at line 1, byte 23." },
        { "[1, 2]", "expected a JSON object as header, found a JSON array." },
        // safetensors' dtypes that a state dict uses are read as float32; the 8-bit floats are not.
        { """{"w":{"dtype":"F8_E4M3","shape":[4],"data_offsets":[0,4]}}""", "expected a dtype of F32, F64, F16, BF16, I64, I32, I16, I8, U8, BOOL for tensor 'w', found dtype F8_E4M3." },
        // The reference implementation (safetensors' Rust crate) refuses a name given twice and bytes no tensor covers.
        { """{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", "expected each tensor named once in the header, found 'w' twice." },
        { """{"w":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}}""", "expected 0 bytes of tensor data after the header, found 4 bytes." },
        { """{"w":{"shape":[1],"data_offsets":[0,4]}}""", "expected a string dtype for tensor 'w', found none." },
        { """{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", "expected a shape of non-negative integers for tensor 'w', found [-1]." },
        { """{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""", "expected 8 bytes for tensor 'w' of shape [2] in F32, found data_offsets [0, 4] (4 bytes)." },
        { """{"w":{"dtype":"F32","shape":[1],"data_offsets":[4]}}""", "expected data_offsets [begin, end] with 0 <= begin <= end for tensor 'w', found [4]." },
        { """{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "expected tensor data laid end to end from offset 0, so 'w' at offset 0, found data_offsets [4, 8]." },
        { """{"w":1}""", "expected an object for tensor 'w', found a JSON number." },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void ABadHeaderIsRefusedInOneLineNamingTheFile(string header, string message)
    {
        string path = Path.Combine(directory, "bad.safetensors");
        byte[] json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + 4];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<WeightsException>(() => WeightFile.Load(path));

        Assert.Equal($"{path}: {message}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AKeyThatIsNotUtf8IsRefusedInOneLineWithItsOffset()
    {
        string path = Path.Combine(directory, "latin1.safetensors");
        // "caf\xe9" is Latin-1, not UTF-8: 0xE9 opens a three-byte sequence that '"' does not continue.
        byte[] json = [.. "{\"caf"u8, 0xE9, .. "\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}"u8];
        File.WriteAllBytes(path, Safetensors(json, 4));

        var e = Assert.Throws<WeightsException>(() => WeightFile.Load(path));

        Assert.Equal($"{path}: expected a header of UTF-8 text, found bytes that are not UTF-8 at offset 13.", e.Message);
    }

    [Theory]
    [InlineData(63, null)]
    [InlineData(64, "expected a JSON header nested at most 64 levels deep (safetensors needs 3), found deeper nesting at byte 339.")]
    public void MetadataNestedPastTheStatedDepthIsRefusedSayingSo(int levels, string? message)
    {
        // The header object holds __metadata__, which holds `levels` nested objects: levels + 1 in all.
        string path = Path.Combine(directory, "deep.safetensors");
        string nested = string.Concat(Enumerable.Repeat("{\"a\":", levels - 1)) + "{}" + new string('}', levels - 1);
        File.WriteAllBytes(path, Safetensors(Encoding.UTF8.GetBytes($"{{\"__metadata__\":{nested}}}"), 0));

        if (message is null)
        {
            Assert.Empty(WeightFile.Load(path));
        }
        else
        {
            Assert.Equal($"{path}: {message}", Assert.Throws<WeightsException>(() => WeightFile.Load(path)).Message);
        }
    }

    [Fact]
    public void ANamedPipeIsRefusedWithoutWaitingForAWriter()
    {
        string path = Path.Combine(directory, "pipe.safetensors");
        Assert.SkipUnless(Fifo.TryMake(path), "mkfifo is not available");

        var e = Assert.Throws<WeightsException>(() => WeightFile.Load(path));

        Assert.Equal($"{path}: expected a regular file, found a named pipe (FIFO).", e.Message);
    }

    private static byte[] Safetensors(byte[] json, int dataBytes)
    {
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        return bytes;
    }
}
