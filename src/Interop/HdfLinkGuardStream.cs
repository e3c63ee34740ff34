using System.Runtime.CompilerServices;

namespace FluentNets.Interop;

/// <summary>
/// A read-only file stream for PureHDF that refuses to be read from deep in the call stack. PureHDF
/// follows a soft link by resolving its target path recursively, with no limit, so a link that points to
/// itself or a cycle of links recurses until the process dies of a stack overflow, which no handler can
/// catch. Every step of that recursion reads the file, so a read with little stack left throws
/// <see cref="InsufficientExecutionStackException"/> instead and <see cref="CycleSuspected"/> records it:
/// PureHDF turns the exception into an unresolved link, and the reader refuses the file.
/// </summary>
internal sealed class HdfLinkGuardStream(FileStream inner) : Stream
{
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

    public override int Read(byte[] buffer, int offset, int count)
    {
        Guard();
        return inner.Read(buffer, offset, count);
    }

    public override int Read(Span<byte> buffer)
    {
        Guard();
        return inner.Read(buffer);
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
