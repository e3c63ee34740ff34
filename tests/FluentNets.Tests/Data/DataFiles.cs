using System.Buffers.Binary;
using System.IO.Compression;

namespace FluentNets.Tests.Data;

/// <summary>Writes tiny MNIST IDX and CIFAR-10 files byte by byte, as their formats document them.</summary>
internal static class DataFiles
{
    public static byte[] IdxImages(int count, int rows, int columns, Func<int, byte> pixel, int magic = 2051)
    {
        var bytes = new byte[16 + count * rows * columns];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(0), magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
        for (var i = 16; i < bytes.Length; i++)
        {
            bytes[i] = pixel(i - 16);
        }

        return bytes;
    }

    public static byte[] IdxLabels(byte[] labels, int magic = 2049)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(0), magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>Records of one label byte then 3072 pixel bytes; pixel i of record r is <paramref name="pixel"/>(r, i).</summary>
    public static byte[] CifarRecords(byte[] labels, Func<int, int, byte> pixel)
    {
        var bytes = new byte[labels.Length * 3073];
        for (var r = 0; r < labels.Length; r++)
        {
            bytes[r * 3073] = labels[r];
            for (var i = 0; i < 3072; i++)
            {
                bytes[r * 3073 + 1 + i] = pixel(r, i);
            }
        }

        return bytes;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
