using FluentNets.Backends;
using FluentNets.Data;

namespace FluentNets.Weights;

/// <summary>
/// A weights file about to be written, claimed before the work that produces the weights: it checks
/// that the path can take a regular file, creates <c>path.partial</c> beside it and holds an exclusive
/// lock on it, so a second run saving to the same path is refused at once instead of silently
/// overwriting the first. <see cref="Write"/> fills the partial file and renames it over the target;
/// disposing it without a write, or after a failed one, deletes the partial file and leaves the target
/// as it was. A run killed outright (SIGKILL, a power cut) can't clean up and leaves its partial file
/// behind, unlocked: the next claim on the path takes it over and says so through
/// <see cref="ReclaimedStalePartial"/>, so it is gone once that claim ends.
/// </summary>
public sealed class WeightFileTarget : IDisposable
{
    private readonly FileStream stream;
    private bool written;
    private bool disposed;

    private WeightFileTarget(string path, string partial, FileStream stream, bool stale)
    {
        Path = path;
        PartialPath = partial;
        ReclaimedStalePartial = stale;
        this.stream = stream;
    }

    /// <summary>The file the weights go to.</summary>
    public string Path { get; }

    /// <summary>The file they are written to first, <c>path.partial</c>.</summary>
    public string PartialPath { get; }

    /// <summary>
    /// Whether <see cref="PartialPath"/> was already there, held by no one: left by a run that was
    /// killed before it could remove it. The claim took it over (emptied, and removed or renamed
    /// like its own when it ends).
    /// </summary>
    public bool ReclaimedStalePartial { get; }

    /// <summary>Claims <paramref name="path"/> for one <see cref="Write"/>.</summary>
    /// <param name="path">The weights file to write.</param>
    /// <returns>The claim; dispose it.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="IOException">
    /// The path names something other than a regular file (a directory, a device, a named pipe), its
    /// folder does not exist or can't be written, or another process holds the claim: one line saying which.
    /// </exception>
    public static WeightFileTarget Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string partial = path + ".partial";
        foreach (var candidate in (string[])[path, partial])
        {
            // Renaming over a device node or a pipe would replace it with a regular file.
            if (FileKind.Of(candidate) is { } kind && kind != FileKind.Regular)
            {
                throw new IOException($"{candidate} is {kind}, not a regular file; nothing was written.");
            }
        }

        string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new IOException($"the directory {directory} does not exist.");
        }

        // Looked at before the lock: a partial file that exists and can then be locked is held by no
        // live process (flock dies with its holder), so a killed run left it.
        bool existed = File.Exists(partial);
        FileStream stream;
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock on Unix), held until disposal.
            stream = new FileStream(partial, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, 1 << 20);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"can't create {partial}: permission denied.", e);
        }
        catch (IOException e) when (File.Exists(partial) && IsLocked(partial))
        {
            throw new IOException($"another process is saving to {path} (it holds the lock on {partial}).", e);
        }
        catch (IOException e)
        {
            throw new IOException($"can't create {partial}: {e.Message}", e);
        }

        if (existed)
        {
            stream.SetLength(0);
        }

        return new WeightFileTarget(path, partial, stream, existed);
    }

    /// <summary>
    /// Checks, before the work that produces the weights, that the file system has room for
    /// <paramref name="bytes"/>, so a full disk is found before training rather than after it.
    /// </summary>
    /// <param name="bytes">The size the file will have, about 4 bytes a parameter.</param>
    /// <exception cref="IOException">The file system has less room than that.</exception>
    public void EnsureRoomFor(long bytes)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(PartialPath)) ?? ".";
        long free = new DriveInfo(folder).AvailableFreeSpace;
        if (free < bytes)
        {
            throw new IOException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the weights need {bytes:N0} bytes and {folder} has {free:N0} bytes free; nothing was written."));
        }
    }

    /// <summary>Writes the tensors to the partial file and renames it over <see cref="Path"/>.</summary>
    /// <param name="tensors">Tensors by name.</param>
    /// <param name="metadata">Extra string metadata, e.g. the network's name.</param>
    /// <exception cref="ArgumentException">A name is empty or is <see cref="WeightFile.MetadataKey"/>.</exception>
    /// <exception cref="IOException">The file cannot be written (a full disk): the partial file is removed and the target left as it was.</exception>
    /// <exception cref="InvalidOperationException">The target was already written or disposed.</exception>
    public void Write(IReadOnlyDictionary<string, HostTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (written)
        {
            throw new InvalidOperationException($"{Path} was already written through this claim.");
        }

        try
        {
            stream.SetLength(0);
            WeightFile.Write(stream, tensors, metadata);
            stream.Flush(flushToDisk: true);
            File.Move(PartialPath, Path, overwrite: true);
            written = true;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Releases the lock and, unless <see cref="Write"/> succeeded, deletes the partial file.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (written)
        {
            stream.Dispose();
        }
        else if (OperatingSystem.IsWindows())
        {
            // Windows refuses to delete a file open without FileShare.Delete, which the lock excludes.
            stream.Dispose();
            File.Delete(PartialPath);
        }
        else
        {
            // Removed while still locked: unlocked first, a second run could lock the file in between,
            // take it for a killed run's leftover, and then find it deleted under it.
            File.Delete(PartialPath);
            stream.Dispose();
        }
    }

    private static bool IsLocked(string partial)
    {
        try
        {
            using var probe = new FileStream(partial, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
