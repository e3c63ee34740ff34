using System.Runtime.InteropServices;
using FluentNets.Backends.TorchSharp;
using FluentNets.Export.Tests;
using FluentNets.Graph;
using static TorchSharp.torch;

namespace FluentNets.Backends.Tests.TorchSharp;

/// <summary>
/// glibc's malloc once the backend has compiled a network: a 40 MiB tensor, above the 32 MiB that
/// glibc's own mmap threshold can rise to, comes from the heap instead of a fresh <c>mmap</c>, as
/// glibc's <c>mallinfo2</c> counts them (<c>hblkhd</c>, the bytes held in mmapped blocks).
/// </summary>
public class NativeHeapTests
{
    private const long Floats = 10L << 20;
    private const long Bytes = 4 * Floats;

    [Fact]
    public void OnceTheBackendCompilesATensorAbove32MiBComesFromTheHeapNotItsOwnMmap()
    {
        Assert.SkipUnless(NativeHeap.CanKeepFreedMemory && HasMallinfo2(), "Only glibc (2.33 or later) has mallopt's thresholds and mallinfo2.");

        using var compiled = Cpu.Compile(Net.Input(4, 4, 1).Flatten().Dense(2).ToNetwork("tiny"));

        Assert.True(NativeHeap.MmapThreshold >= 32 << 20, $"MmapThreshold={NativeHeap.MmapThreshold}");

        // Other tests allocate meanwhile, and one of their large blocks can be mmapped between the two
        // readings; with glibc's defaults every try counts the tensor's own mmap.
        var mmapped = new List<long>();
        for (int attempt = 0; attempt < 3; attempt++)
        {
            long before = MmappedBytes();
            using var tensor = empty(Floats);
            tensor.fill_(1);
            mmapped.Add(MmappedBytes() - before);
            if (mmapped[^1] < Bytes)
            {
                break;
            }
        }

        Assert.True(mmapped[^1] < Bytes, $"Each 40 MiB tensor was mmapped on its own: mmapped bytes grew by {string.Join(", ", mmapped)}.");
    }

    [Fact]
    public void ItsEnvironmentVariablesGiveAnotherProcessTheSameHeap()
    {
        Assert.SkipUnless(NativeHeap.CanKeepFreedMemory && HasMallinfo2(), "Only glibc (2.33 or later) has mallopt's thresholds and mallinfo2.");
        Assert.SkipUnless(File.Exists(Python.Executable), $"{Python.Executable} is not installed");
        using var compiled = Cpu.Compile(Net.Input(4, 4, 1).Flatten().Dense(2).ToNetwork("tiny"));

        // The bytes mmapped for one 40 MiB malloc in a fresh Python, as its own glibc counts them.
        const string Script = """
            import ctypes
            libc = ctypes.CDLL("libc.so.6")
            class MallInfo2(ctypes.Structure):
                _fields_ = [(n, ctypes.c_size_t) for n in "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]
            libc.mallinfo2.restype = MallInfo2
            libc.malloc.restype = ctypes.c_void_p
            before = libc.mallinfo2().hblkhd
            block = libc.malloc(40 << 20)
            print(libc.mallinfo2().hblkhd - before)
            """;
        long Mmapped(IReadOnlyDictionary<string, string>? environment)
        {
            var (code, output, error) = Python.Run(["-c", Script], Path.GetTempPath(), TimeSpan.FromMinutes(1), environment: environment);
            Assert.True(code == 0, error);
            return long.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.True(Mmapped(null) >= Bytes, "glibc's defaults mmap a 40 MiB block on its own");
        Assert.Equal(0, Mmapped(NativeHeap.EnvironmentVariables()));
    }

    private static bool HasMallinfo2() =>
        NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "mallinfo2", out _);

    private static long MmappedBytes() => (long)Mallinfo2().Hblkhd;

    [DllImport("libc.so.6", EntryPoint = "mallinfo2")]
    private static extern MallInfo2 Mallinfo2();

    // glibc's struct mallinfo2: ten size_t fields.
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct MallInfo2
    {
        public readonly nuint Arena;
        public readonly nuint Ordblks;
        public readonly nuint Smblks;
        public readonly nuint Hblks;
        public readonly nuint Hblkhd;
        public readonly nuint Usmblks;
        public readonly nuint Fsmblks;
        public readonly nuint Uordblks;
        public readonly nuint Fordblks;
        public readonly nuint Keepcost;
    }
}
