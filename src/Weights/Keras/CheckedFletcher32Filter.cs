using System.Buffers.Binary;
using FluentNets.Backends;
using PureHDF.Filters;

namespace FluentNets.Weights;

/// <summary>
/// HDF5's Fletcher-32 checksum filter (filter 3, <c>H5Zfletcher32.c</c>), registered with PureHDF in place
/// of its own. PureHDF 2.2.0's returns the chunk as a slice of a pooled buffer that it hands back to the pool
/// as soon as the chunk is read, so when checksummed chunks are read one after another (a dataset chunked
/// across its last axis) each chunk's values are overwritten by the next one's: a file h5py reads right
/// loaded with wrong weights. This one checks the checksum and returns a copy.
/// </summary>
internal sealed class CheckedFletcher32Filter : IH5Filter
{
    public ushort FilterId => Fletcher32Filter.Id;

    public string Name => "fletcher32";

    public Memory<byte> Filter(FilterInfo info)
    {
        if (!info.Flags.HasFlag(H5FilterFlags.Decompress))
        {
            throw new NotSupportedException("FluentNets reads HDF5 files; it writes none through PureHDF.");
        }

        var buffer = info.Buffer.Span;
        if (buffer.Length < 4)
        {
            throw new InvalidDataException($"a Fletcher-32 checksummed chunk of {buffer.Length} bytes, too short to hold its checksum");
        }

        var data = buffer[..^4];
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(buffer[^4..]);
        uint computed = Checksum(data);
        // HDF5 before 1.6.3 wrote the checksum's bytes in the other order, and H5Zfletcher32.c accepts both.
        if (stored != computed && stored != BinaryPrimitives.ReverseEndianness(computed))
        {
            throw new InvalidDataException($"a chunk whose Fletcher-32 checksum is 0x{stored:x8} where its data gives 0x{computed:x8}");
        }

        return data.ToArray();
    }

    public uint[] GetParameters(uint[] chunkDimensions, uint typeSize, Dictionary<string, object>? options) => [];

    /// <summary><c>H5_checksum_fletcher32</c>: sums of big-endian 16-bit words, an odd last byte as the high byte of one.</summary>
    internal static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum1 = 0, sum2 = 0;
        int words = data.Length / 2, i = 0;
        while (words > 0)
        {
            // 360 sums are the most that cannot overflow 32 bits before the reduction.
            int block = Math.Min(words, 360);
            words -= block;
            for (; block > 0; block--, i += 2)
            {
                sum1 += (uint)((data[i] << 8) | data[i + 1]);
                sum2 += sum1;
            }

            sum1 = (sum1 & 0xffff) + (sum1 >> 16);
            sum2 = (sum2 & 0xffff) + (sum2 >> 16);
        }

        if (data.Length % 2 != 0)
        {
            sum1 += (uint)(data[^1] << 8);
            sum2 += sum1;
            sum1 = (sum1 & 0xffff) + (sum1 >> 16);
            sum2 = (sum2 & 0xffff) + (sum2 >> 16);
        }

        sum1 = (sum1 & 0xffff) + (sum1 >> 16);
        sum2 = (sum2 & 0xffff) + (sum2 >> 16);
        return (sum2 << 16) | sum1;
    }
}
