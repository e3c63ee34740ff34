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
public static partial class LibTorchKernels
{
    private const string LibTorchCpu = "libtorch_cpu";

    /// <summary>
    /// Whether libtorch may use oneDNN kernels (on by default). Setting it waits for any
    /// <see cref="WithoutOneDnn{T}"/> in progress, so a switch set here is never undone by one.
    /// </summary>
    public static bool OneDnn
    {
        get => UserEnabledMkldnn(GlobalContext());
        set
        {
            lock (Switch)
            {
                SetUserEnabledMkldnn(GlobalContext(), value);
            }
        }
    }

    /// <summary>Held while the oneDNN switch is read and changed together, so that two such changes never interleave.</summary>
    internal static object Switch { get; } = new();

    /// <summary>
    /// Runs <paramref name="run"/> with oneDNN off and puts the switch back as it was, holding the
    /// switch meanwhile: libtorch's switch is process-wide, so convolutions on other threads take
    /// libtorch's own kernels for that time (right, if slower), and no other caller of this method
    /// or of the <see cref="OneDnn"/> setter changes it in between.
    /// </summary>
    /// <param name="run">The computation, e.g. one convolution.</param>
    public static T WithoutOneDnn<T>(Func<T> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (Switch)
        {
            var context = GlobalContext();
            if (!UserEnabledMkldnn(context))
            {
                return run();
            }

            SetUserEnabledMkldnn(context, false);
            try
            {
                return run();
            }
            finally
            {
                SetUserEnabledMkldnn(context, true);
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

    /// <summary>Whether libtorch may try NNPACK (on by default).</summary>
    public static bool Nnpack
    {
        get => UserEnabledNnpack(GlobalContext());
        set => SetUserEnabledNnpack(GlobalContext(), value);
    }

    /// <summary>
    /// Whether NNPACK can run on this CPU (<c>at::_nnpack_available()</c>; logs "Could not
    /// initialize NNPACK" once when it cannot). Where it cannot, libtorch still tries it, logs that
    /// line and falls back on every convolution that oneDNN does not take, which costs time and
    /// floods stderr, so <see cref="TorchSharpBackend"/> turns NNPACK off then.
    /// </summary>
    public static bool NnpackAvailable => NnpackAvailableCall();

    /// <summary>
    /// Runs, with oneDNN on, the gradient of a 1x1 stride-2 convolution from 512 to 1024 channels at
    /// 28x28, the shape of a ResNet projection shortcut. On some x86 virtual machines libtorch 2.10's
    /// oneDNN divides by zero there (<c>brgemm_convolution_bwd_utils::brg_blocking_t::est_eff_1x1</c>)
    /// and the process dies with SIGFPE, which no handler can catch: call this in a child process
    /// and turn <see cref="OneDnn"/> off in the parent when the child does not exit normally.
    /// </summary>
    public static void ProbeOneDnnBackward()
    {
        OneDnn = true;
        Nnpack = false;
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
        OneDnn = true;
        Nnpack = false;
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

    [LibraryImport(LibTorchCpu, EntryPoint = "_ZN2at13globalContextEv")]
    private static partial IntPtr GlobalContext();

    [LibraryImport(LibTorchCpu, EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool UserEnabledMkldnn(IntPtr context);

    [LibraryImport(LibTorchCpu, EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    private static partial void SetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [LibraryImport(LibTorchCpu, EntryPoint = "_ZN2at4_ops17_nnpack_available4callEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool NnpackAvailableCall();

    [LibraryImport(LibTorchCpu, EntryPoint = "_ZNK2at7Context17userEnabledNNPACKEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool UserEnabledNnpack(IntPtr context);

    [LibraryImport(LibTorchCpu, EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    private static partial void SetUserEnabledNnpack(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);
}
