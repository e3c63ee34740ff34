using FluentNets.Backends.TorchSharp;

namespace FluentNets.Benchmarks.Harness;

/// <summary>
/// The C heap every contender in this process runs on, chosen once before anything is measured:
/// glibc's malloc is process-wide, so FluentNets, the hand-written network and the matmul share it.
/// By default it keeps freed memory, as the TorchSharp backend sets it (<see cref="NativeHeap"/>);
/// <c>--glibc-heap</c> leaves glibc's defaults, to measure what that setting is worth.
/// </summary>
public static class BenchHeap
{
    /// <summary>Whether the heap keeps freed memory in this process.</summary>
    public static bool Kept => NativeHeap.MmapThreshold is not null;

    /// <summary>Sets the heap as <paramref name="keep"/> asks, where the C library is glibc.</summary>
    public static void Choose(bool keep)
    {
        if (keep)
        {
            NativeHeap.KeepFreedMemory();
        }
    }

    /// <summary>A CPU backend with <paramref name="threads"/> threads that leaves the heap as <see cref="Choose"/> set it.</summary>
    public static TorchSharpBackend Backend(int threads) =>
        new(new TorchSharpBackendOptions { Device = "cpu", Threads = threads, KeepFreedMemory = Kept });

    /// <summary>The table's words for the heap.</summary>
    public static string Describe() => Kept
        ? $"glibc heap keeps freed memory (mmap threshold {NativeHeap.MmapThreshold >> 20} MiB, no trimming), as the backend sets it"
        : "glibc heap with its defaults (--glibc-heap)";
}
