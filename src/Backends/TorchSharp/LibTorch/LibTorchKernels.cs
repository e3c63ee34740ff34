using System.Runtime.InteropServices;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// libtorch's process-wide switches for its third-party CPU convolution kernels, oneDNN (MKL-DNN)
/// and NNPACK (<c>at::globalContext().setUserEnabledMkldnn</c> and <c>setUserEnabledNNPACK</c>),
/// which TorchSharp does not expose: the C++ symbols of libtorch_cpu are called directly. With both
/// off, convolutions run on libtorch's own kernels (im2col + GEMM).
/// </summary>
/// <remarks>
/// The symbols are GCC's (Itanium) mangled names, which a libtorch built by MSVC (Windows) does not
/// export. They are looked up once, on first use, and each switch says whether it was found
/// (<see cref="CanSwitchOneDnn"/>, <see cref="CanSwitchNnpack"/>): where a switch is missing, reading
/// it gives libtorch's default (on), setting it throws, and the backend, the kernel check and the
/// backward guard leave it alone, so networks compile and run with libtorch's own choice of kernels.
/// </remarks>
public static class LibTorchKernels
{
    private const string LibTorchCpu = "libtorch_cpu";
    private const string GlobalContextSymbol = "_ZN2at13globalContextEv";
    private const string UserEnabledMkldnnSymbol = "_ZNK2at7Context17userEnabledMkldnnEv";
    private const string SetUserEnabledMkldnnSymbol = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private const string NnpackAvailableSymbol = "_ZN2at4_ops17_nnpack_available4callEv";
    private const string UserEnabledNnpackSymbol = "_ZNK2at7Context17userEnabledNNPACKEv";
    private const string SetUserEnabledNnpackSymbol = "_ZN2at7Context20setUserEnabledNNPACKEb";

    private static readonly Lazy<Exports> Loaded = new(() => new Exports(FindInLibTorchCpu()));

    // Lets a test see the symbols as another libtorch would export them without changing what the
    // rest of the process (other tests running in parallel) sees.
    private static readonly AsyncLocal<Exports?> Simulated = new();

    private static Exports Current => Simulated.Value ?? Loaded.Value;

    /// <summary>
    /// Whether libtorch_cpu exports every symbol this class calls (GCC-built libtorch on Linux and
    /// macOS does; MSVC-built libtorch on Windows does not). Never throws.
    /// </summary>
    public static bool IsAvailable => Current.Missing.Count == 0;

    /// <summary>Whether <see cref="OneDnn"/> can be read and set in this process's libtorch. Never throws.</summary>
    public static bool CanSwitchOneDnn => Current.CanSwitchOneDnn;

    /// <summary>Whether <see cref="Nnpack"/> can be read and set in this process's libtorch. Never throws.</summary>
    public static bool CanSwitchNnpack => Current.CanSwitchNnpack;

    /// <summary>The mangled names of the symbols libtorch_cpu does not export here; empty when <see cref="IsAvailable"/>.</summary>
    public static IReadOnlyList<string> MissingSymbols => Current.Missing;

    /// <summary>
    /// Whether libtorch may use oneDNN kernels (on by default). Setting it waits for any
    /// <see cref="WithoutOneDnn{T}"/> in progress, so a switch set here is never undone by one.
    /// Where the switch cannot be reached (<see cref="CanSwitchOneDnn"/> is false), it reads as
    /// libtorch's default, on, which nothing here can change.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">Set where <see cref="CanSwitchOneDnn"/> is false.</exception>
    public static bool OneDnn
    {
        get => Current.OneDnn;
        set
        {
            lock (Switch)
            {
                Current.SetOneDnn(value);
            }
        }
    }

    /// <summary>Held while the oneDNN switch is read and changed together, so that two such changes never interleave.</summary>
    internal static object Switch { get; } = new();

    /// <summary>
    /// Runs <paramref name="run"/> with oneDNN off and puts the switch back as it was, holding the
    /// switch meanwhile: libtorch's switch is process-wide, so convolutions on other threads take
    /// libtorch's own kernels for that time (right, if slower), and no other caller of this method
    /// or of the <see cref="OneDnn"/> setter changes it in between. Where the switch cannot be
    /// reached (<see cref="CanSwitchOneDnn"/> is false), <paramref name="run"/> runs as it is.
    /// </summary>
    /// <param name="run">The computation, e.g. one convolution.</param>
    public static T WithoutOneDnn<T>(Func<T> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (Switch)
        {
            var exports = Current;
            if (!exports.CanSwitchOneDnn || !exports.OneDnn)
            {
                return run();
            }

            exports.SetOneDnn(false);
            try
            {
                return run();
            }
            finally
            {
                exports.SetOneDnn(true);
            }
        }
    }

    /// <summary>
    /// Whether 1x1 convolutions with a stride and no padding run as a subsample (every S-th row and
    /// column) followed by a stride-1 1x1 convolution: the same values, but a different oneDNN
    /// backward kernel. Off by default; <see cref="OneDnnBackwardGuard"/> turns it on where the
    /// strided form's backward dies and the subsampled form's survives (measured on this project's
    /// VMs: 1x1 stride-2 gradients from 512 or more channels to 14x14 and 7x7 outputs die, 256 to
    /// 28x28 and every stride-1 1x1 survive), so training keeps oneDNN.
    /// </summary>
    public static bool SubsampleStridedPointwise { get; set; }

    /// <summary>
    /// Whether libtorch may try NNPACK (on by default). Where the switch cannot be reached
    /// (<see cref="CanSwitchNnpack"/> is false), it reads as libtorch's default, on.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">Set where <see cref="CanSwitchNnpack"/> is false.</exception>
    public static bool Nnpack
    {
        get => Current.Nnpack;
        set => Current.SetNnpack(value);
    }

    /// <summary>
    /// Whether NNPACK can run on this CPU (<c>at::_nnpack_available()</c>; logs "Could not
    /// initialize NNPACK" once when it cannot). Where it cannot, libtorch still tries it, logs that
    /// line and falls back on every convolution that oneDNN does not take, which costs time and
    /// floods stderr, so <see cref="TorchSharpBackend"/> turns NNPACK off then. False where libtorch
    /// does not export the question (then <see cref="CanSwitchNnpack"/> is false too).
    /// </summary>
    public static bool NnpackAvailable => Current.NnpackAvailable;

    /// <summary>
    /// Runs, with oneDNN on, the gradient of a 1x1 stride-2 convolution from 512 to 1024 channels at
    /// 28x28, the shape of a ResNet projection shortcut. On some x86 virtual machines libtorch 2.10's
    /// oneDNN divides by zero there (<c>brgemm_convolution_bwd_utils::brg_blocking_t::est_eff_1x1</c>)
    /// and the process dies with SIGFPE, which no handler can catch: call this in a child process
    /// and turn <see cref="OneDnn"/> off in the parent when the child does not exit normally.
    /// </summary>
    public static void ProbeOneDnnBackward()
    {
        PrepareProbe();
        using var scope = NewDisposeScope();
        var input = randn([1, 512, 28, 28], requires_grad: true);
        var weight = randn([1024, 512, 1, 1], requires_grad: true);
        F.conv2d(input, weight, null, [2, 2]).sum().backward();
    }

    /// <summary>
    /// Runs, with oneDNN on, the gradient of the same projections as <see cref="ProbeOneDnnBackward"/>
    /// written as <see cref="SubsampleStridedPointwise"/> writes them: a stride-2 subsample, then a
    /// 1x1 stride-1 convolution (512 to 1024 channels at 14x14, 1024 to 2048 at 7x7). Call it in a child
    /// process after <see cref="ProbeOneDnnBackward"/> died there.
    /// </summary>
    public static void ProbeOneDnnBackwardSubsampled()
    {
        PrepareProbe();
        foreach (var (channels, size) in new[] { (512L, 28L), (1024L, 14L) })
        {
            using var scope = NewDisposeScope();
            var input = randn([2, channels, size, size], requires_grad: true);
            var weight = randn([channels * 2, channels, 1, 1], requires_grad: true);
            F.conv2d(input.slice(2, 0, size, 2).slice(3, 0, size, 2), weight).sum().backward();
        }
    }

    /// <summary>
    /// How a probe's child process ended, for a message: <c>exit code 136, SIGFPE: last line</c>, where
    /// the last line is the last one of <paramref name="standardError"/> that is not one of libtorch's
    /// own warnings (<c>[W...</c>), which are not why a child ends.
    /// </summary>
    public static string DescribeProbeExit(int exitCode, string standardError)
    {
        ArgumentNullException.ThrowIfNull(standardError);
        string? last = standardError.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .LastOrDefault(l => !l.StartsWith("[W", StringComparison.Ordinal));
        return string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"exit code {exitCode}{(exitCode == 136 ? ", SIGFPE" : "")}{(last is null ? "" : $": {last}")}");
    }

    /// <summary>
    /// Makes the switches of the calling flow (and of the flows it starts) resolve their symbols
    /// through <paramref name="findExport"/> until the result is disposed, as if libtorch_cpu
    /// exported what it finds; the rest of the process keeps libtorch_cpu's own exports.
    /// </summary>
    /// <param name="findExport">The address of a mangled symbol, or <see cref="IntPtr.Zero"/> where it is not exported.</param>
    internal static IDisposable ResolveThrough(Func<string, IntPtr> findExport)
    {
        ArgumentNullException.ThrowIfNull(findExport);
        var before = Simulated.Value;
        Simulated.Value = new Exports(findExport);
        return new Restore(() => Simulated.Value = before);
    }

    /// <summary>The address of <paramref name="symbol"/> in libtorch_cpu as this process loads it; zero where it is absent.</summary>
    internal static IntPtr FindInLibTorchCpu(string symbol) => FindInLibTorchCpu()(symbol);

    private static void PrepareProbe()
    {
        if (CanSwitchOneDnn)
        {
            OneDnn = true;
        }

        if (CanSwitchNnpack)
        {
            Nnpack = false;
        }
    }

    // libtorch_cpu is found as a DllImport of it would be (the assembly's folder and the
    // application's native probing paths), so it is the copy TorchSharp itself loads.
    private static Func<string, IntPtr> FindInLibTorchCpu()
    {
        var library = new Lazy<IntPtr>(() =>
            NativeLibrary.TryLoad(LibTorchCpu, typeof(LibTorchKernels).Assembly, null, out var handle) ? handle : IntPtr.Zero);
        return symbol => library.Value != IntPtr.Zero && NativeLibrary.TryGetExport(library.Value, symbol, out var address) ? address : IntPtr.Zero;
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    /// <summary>The symbols one libtorch exports, looked up once; C++ <c>bool</c> crosses as one byte.</summary>
    private sealed unsafe class Exports
    {
        private readonly delegate* unmanaged<IntPtr> globalContext;
        private readonly delegate* unmanaged<IntPtr, byte> userEnabledMkldnn;
        private readonly delegate* unmanaged<IntPtr, byte, void> setUserEnabledMkldnn;
        private readonly delegate* unmanaged<byte> nnpackAvailable;
        private readonly delegate* unmanaged<IntPtr, byte> userEnabledNnpack;
        private readonly delegate* unmanaged<IntPtr, byte, void> setUserEnabledNnpack;

        public Exports(Func<string, IntPtr> find)
        {
            var missing = new List<string>();
            IntPtr Find(string symbol)
            {
                IntPtr address = find(symbol);
                if (address == IntPtr.Zero)
                {
                    missing.Add(symbol);
                }

                return address;
            }

            globalContext = (delegate* unmanaged<IntPtr>)Find(GlobalContextSymbol);
            userEnabledMkldnn = (delegate* unmanaged<IntPtr, byte>)Find(UserEnabledMkldnnSymbol);
            setUserEnabledMkldnn = (delegate* unmanaged<IntPtr, byte, void>)Find(SetUserEnabledMkldnnSymbol);
            nnpackAvailable = (delegate* unmanaged<byte>)Find(NnpackAvailableSymbol);
            userEnabledNnpack = (delegate* unmanaged<IntPtr, byte>)Find(UserEnabledNnpackSymbol);
            setUserEnabledNnpack = (delegate* unmanaged<IntPtr, byte, void>)Find(SetUserEnabledNnpackSymbol);
            Missing = missing;
            CanSwitchOneDnn = globalContext != null && userEnabledMkldnn != null && setUserEnabledMkldnn != null;
            CanSwitchNnpack = globalContext != null && userEnabledNnpack != null && setUserEnabledNnpack != null;
        }

        public IReadOnlyList<string> Missing { get; }

        public bool CanSwitchOneDnn { get; }

        public bool CanSwitchNnpack { get; }

        public bool OneDnn => !CanSwitchOneDnn || userEnabledMkldnn(globalContext()) != 0;

        public bool Nnpack => !CanSwitchNnpack || userEnabledNnpack(globalContext()) != 0;

        public bool NnpackAvailable => nnpackAvailable != null && nnpackAvailable() != 0;

        public void SetOneDnn(bool enabled)
        {
            if (!CanSwitchOneDnn)
            {
                throw Unavailable("oneDNN", nameof(CanSwitchOneDnn));
            }

            setUserEnabledMkldnn(globalContext(), enabled ? (byte)1 : (byte)0);
        }

        public void SetNnpack(bool enabled)
        {
            if (!CanSwitchNnpack)
            {
                throw Unavailable("NNPACK", nameof(CanSwitchNnpack));
            }

            setUserEnabledNnpack(globalContext(), enabled ? (byte)1 : (byte)0);
        }

        private PlatformNotSupportedException Unavailable(string kernels, string check) => new(
            $"The {kernels} switch is not available: libtorch_cpu does not export {string.Join(", ", Missing)} (GCC's C++ names; an MSVC-built libtorch has others). Check LibTorchKernels.{check} before setting it.");
    }
}
