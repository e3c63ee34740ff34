using System.Runtime.CompilerServices;
using FluentNets.Backends;

namespace FluentNets.Weights;

/// <summary>
/// A read-only file stream for PureHDF that refuses to be read from deep in the call stack. PureHDF
/// follows a soft link by resolving its target path recursively, with no limit, so a link that points to
/// itself or a cycle of links recurses until the process dies of a stack overflow, which no handler can
/// catch. Every step of that recursion reads the file, so a read with little stack left throws
/// <see cref="InsufficientExecutionStackException"/> instead and <see cref="CycleSuspected"/> records it:
/// PureHDF turns the exception into an unresolved link, and the reader refuses the file.
/// <para>
/// It also holds PureHDF to the superblock's end-of-file address, as libhdf5 (and so h5py) does: a file shorter
/// than that address is truncated, and a read past it follows a damaged address. PureHDF checks neither.
/// </para>
/// </summary>
internal sealed class HdfLinkGuardStream(FileStream inner) : Stream
{
    private long end = long.MaxValue;

    /// <summary>Whether a read was refused for want of stack: the file has a link cycle.</summary>
    public bool CycleSuspected { get; private set; }

    /// <summary>The group, dataset or link being read, for the message that names the cycle.</summary>
    public string Reading { get; set; } = "/";

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        Guard();
        if (inner.Position + buffer.Length > end)
        {
            throw new InvalidDataException($"a read of {buffer.Length} bytes at offset {inner.Position}, past the end of file the superblock gives ({end})");
        }

        return inner.Read(buffer);
    }

    /// <summary>
    /// Reads the superblock's base and end-of-file addresses (HDF5 file format, section II.A, versions 0 to 3), and
    /// holds every later read to them.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is shorter than its superblock says: truncated.</exception>
    public void LimitToSuperblock()
    {
        ReadOnlySpan<byte> signature = [0x89, (byte)'H', (byte)'D', (byte)'F', (byte)'\r', (byte)'\n', 0x1a, (byte)'\n'];
        var header = new byte[64];
        // The superblock is at 0, or after a user block at 512, 1024, 2048, ...
        for (long at = 0; at + header.Length <= inner.Length; at = at == 0 ? 512 : at * 2)
        {
            inner.Position = at;
            inner.ReadExactly(header);
            if (!header.AsSpan(0, 8).SequenceEqual(signature))
            {
                continue;
            }

            int version = header[8];
            // Versions 0 and 1: the offset size at byte 13, the addresses after 24 (v0) or 28 (v1) bytes;
            // versions 2 and 3: the offset size at byte 9, the addresses after 12 bytes.
            int size = version <= 1 ? header[13] : header[9];
            int addresses = version switch { 0 => 24, 1 => 28, _ => 12 };
            if (size is not (2 or 4 or 8) || version > 3)
            {
                return;
            }

            // Base address, then (v0/1) free-space address or (v2/3) extension address, then the end-of-file address.
            ulong baseAddress = Address(header.AsSpan(addresses, size));
            ulong endOfFile = Address(header.AsSpan(addresses + (2 * size), size));
            if (endOfFile == ulong.MaxValue >> (64 - (8 * size)) || baseAddress > (ulong)inner.Length)
            {
                return;
            }

            // h5py writes the end of file as an absolute address: the file's length, a user block included.
            if (endOfFile > (ulong)inner.Length)
            {
                throw new InvalidDataException($"a file of the {endOfFile} bytes its superblock gives, but it has {inner.Length}: truncated");
            }

            end = (long)endOfFile;
            return;
        }
    }

    private static ulong Address(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        for (int i = bytes.Length - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Guard()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            CycleSuspected = true;
            throw new InsufficientExecutionStackException("HDF5 links followed without end");
        }
    }
}
