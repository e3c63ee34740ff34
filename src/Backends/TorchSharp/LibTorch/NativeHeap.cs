using System.Runtime.InteropServices;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// glibc's malloc, which libtorch's CPU allocator takes every tensor from, tuned so that freed
/// memory stays in the process for the next allocation, as jemalloc and tcmalloc (PyTorch's own
/// advice for CPU training) do.
/// </summary>
/// <remarks>
/// By default glibc serves each block of 128 KiB or more (a threshold that rises with use, to at
/// most 32 MiB) with its own <c>mmap</c> and gives it back to the kernel when it is freed, and it
/// trims the top of its heap once 128 KiB there are free. A training step frees and allocates the
/// same activations and gradients every time, so each of their pages is faulted in and zeroed by
/// the kernel again on every step. <see cref="KeepFreedMemory"/> raises the mmap threshold to
/// 1 GiB (32 MiB where the glibc refuses that) and turns trimming off (<c>mallopt</c>'s
/// <c>M_MMAP_THRESHOLD</c> and <c>M_TRIM_THRESHOLD</c>, which the <c>MALLOC_MMAP_THRESHOLD_</c> and
/// <c>MALLOC_TRIM_THRESHOLD_</c> environment variables also set). The process then keeps the largest
/// heap it has needed, which a training loop reaches on every step anyway. Measured on a 2-core
/// VM: a ResNet-50 training step at batch 8, 224x224, 1.5-1.9 s before, 1.0-1.1 s after.
/// </remarks>
public static class NativeHeap
{
    private const int MmapThresholdParameter = -3;
    private const int TrimThresholdParameter = -1;
    private const int LargeMmapThreshold = 1 << 30;
    private const int GlibcMaxMmapThreshold = 32 << 20;
    private const int NoTrimming = int.MaxValue;

    private static readonly Lazy<IntPtr> Mallopt = new(FindMallopt);
    private static readonly Lock Gate = new();
    private static int? mmapThreshold;

    /// <summary>
    /// Whether this process's C library is glibc with <c>mallopt</c> (Linux with glibc; not musl,
    /// macOS or Windows, where the heap is left as it is). Never throws.
    /// </summary>
    public static bool CanKeepFreedMemory => Mallopt.Value != IntPtr.Zero;

    /// <summary>The mmap threshold set by <see cref="KeepFreedMemory"/>, in bytes; null until it has been set.</summary>
    public static int? MmapThreshold
    {
        get
        {
            lock (Gate)
            {
                return mmapThreshold;
            }
        }
    }

    /// <summary>
    /// Tells glibc's malloc to keep freed blocks for reuse (see the remarks); process-wide, and
    /// once per process: later calls only report. Does nothing where <see cref="CanKeepFreedMemory"/>
    /// is false.
    /// </summary>
    /// <returns>Whether the heap keeps freed memory now.</returns>
    public static unsafe bool KeepFreedMemory()
    {
        lock (Gate)
        {
            if (mmapThreshold is not null)
            {
                return true;
            }

            if (Mallopt.Value == IntPtr.Zero)
            {
                return false;
            }

            var mallopt = (delegate* unmanaged<int, int, int>)Mallopt.Value;
            int threshold = mallopt(MmapThresholdParameter, LargeMmapThreshold) == 1 ? LargeMmapThreshold
                : mallopt(MmapThresholdParameter, GlibcMaxMmapThreshold) == 1 ? GlibcMaxMmapThreshold
                : 0;
            if (threshold == 0 || mallopt(TrimThresholdParameter, NoTrimming) != 1)
            {
                return false;
            }

            mmapThreshold = threshold;
            return true;
        }
    }

    /// <summary>
    /// The glibc environment variables that give another process (started with them) the heap
    /// settings <see cref="KeepFreedMemory"/> made in this one; empty until it has made them.
    /// </summary>
    public static IReadOnlyDictionary<string, string> EnvironmentVariables() => MmapThreshold is int threshold
        ? new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MALLOC_MMAP_THRESHOLD_"] = threshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MALLOC_TRIM_THRESHOLD_"] = NoTrimming.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }
        : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>One line for <c>fluentnets doctor</c>: what the heap does in this process.</summary>
    public static string Describe() => MmapThreshold is int threshold
        ? $"glibc keeps freed memory (mmap threshold {threshold >> 20} MiB, no trimming)"
        : CanKeepFreedMemory
            ? "glibc's defaults; the TorchSharp backend keeps freed memory once it compiles a network (TorchSharpBackendOptions.KeepFreedMemory)"
            : "left as it is: the C library is not glibc";

    private static IntPtr FindMallopt()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out var libc))
        {
            return IntPtr.Zero;
        }

        // musl has a mallopt that does nothing; only glibc's tunes anything.
        return NativeLibrary.TryGetExport(libc, "gnu_get_libc_version", out _) && NativeLibrary.TryGetExport(libc, "mallopt", out var mallopt)
            ? mallopt
            : IntPtr.Zero;
    }
}
