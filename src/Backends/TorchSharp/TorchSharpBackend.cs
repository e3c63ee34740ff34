using FluentNets.Graph;
using FluentNets.Training;
using static TorchSharp.torch;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// Compiles DSL networks into TorchSharp modules (libtorch) that run on the CPU or a CUDA device.
/// </summary>
public sealed class TorchSharpBackend : ITrainingBackend
{
    /// <summary>The name the backend is registered under: <c>torchsharp</c>.</summary>
    public const string BackendName = "torchsharp";

    private readonly string requestedDevice;
    private readonly int? threads;
    private readonly bool checkKernels;
    private readonly bool keepFreedMemory;
    private readonly Lazy<string> resolvedDevice;
    private readonly Lazy<bool> threadsApplied;

    /// <summary>Creates the backend; nothing native is loaded until a device is resolved or a network compiled.</summary>
    /// <param name="options">Device and threads; the defaults when null.</param>
    /// <exception cref="ArgumentException">An option is out of range; the message lists the accepted values.</exception>
    public TorchSharpBackend(TorchSharpBackendOptions? options = null)
    {
        options ??= new TorchSharpBackendOptions();
        options.Validate();
        requestedDevice = TorchSharpBackendOptions.NormalizeDevice(options.Device)!;
        threads = options.Threads;
        checkKernels = options.CheckKernels;
        keepFreedMemory = options.KeepFreedMemory;
        resolvedDevice = new Lazy<string>(ResolveDevice);
        threadsApplied = new Lazy<bool>(ApplyProcessSettings);
    }

    /// <inheritdoc />
    public string Name => BackendName;

    /// <summary>
    /// The device networks are compiled for: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>; <c>auto</c>
    /// resolves to <c>cuda</c> when <c>torch.cuda.is_available()</c> and to <c>cpu</c> otherwise.
    /// </summary>
    /// <exception cref="InvalidOperationException">The native libraries do not load (with <see cref="TorchRuntime.NativeDiagnosis"/>).</exception>
    public string Device => resolvedDevice.Value;

    /// <summary>
    /// Compiles <paramref name="network"/> into a <see cref="TorchSharpNetwork"/> on <see cref="Device"/>,
    /// with Keras's default initialisation: Glorot-uniform kernels (limit sqrt(6 / (fan_in + fan_out)),
    /// fans as Keras computes them from its own kernel layout), zero biases, BatchNorm gamma 1,
    /// beta 0, moving mean 0 and moving variance 1. Kernels are drawn on the CPU, in node order, from
    /// one <c>torch.Generator</c> seeded with <paramref name="seed"/>, so a seed gives the same
    /// weights on every device and run; libtorch's global generator is not touched.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="seed">Seed of the weight initialisation; null for a random one.</param>
    /// <exception cref="NotSupportedException">A layer has no TorchSharp lowering.</exception>
    /// <exception cref="InvalidOperationException">The native libraries do not load, or the CUDA device asked for is not there.</exception>
    public TorchSharpNetwork Compile(Network network, int? seed = null) => Compile(network, seed, forInference: false);

    /// <summary>
    /// Compiles <paramref name="network"/> for inference only, into a network that computes what
    /// <see cref="Compile(Network, int?)"/>'s computes in inference mode, with less work and memory:
    /// <list type="bullet">
    /// <item>each BatchNorm (Keras's or PyTorch's) is folded into the Conv2D, DepthwiseConv2D,
    /// SeparableConv2D (its pointwise step) or Dense before it where that is exact: that layer's output
    /// reaches nothing but the BatchNorm, with no activation fused between them;</item>
    /// <item>auxiliary heads are not allocated, and dropout and stochastic depth hand their input through;</item>
    /// <item>activations, adds and products write into their input where nothing reads it afterwards
    /// (<c>relu_</c>, <c>hardswish_</c>, ...), and every intermediate is released after its last reader;</item>
    /// <item>passes run in libtorch's inference mode: no autograd bookkeeping.</item>
    /// </list>
    /// Its state is the network's as its layers declare it (<see cref="ParameterLayout"/>, the
    /// auxiliary heads' left out): <see cref="ICompiledNetwork.SetState"/> takes the unfolded values (a
    /// state that also holds the auxiliary heads' is accepted, and those are dropped) and folds them
    /// into the kernels it holds, and <see cref="ICompiledNetwork.GetState"/> computes them back, equal
    /// within a float's rounding; no second copy of a kernel is kept. It refuses to train
    /// (<see cref="TorchSharpNetwork.Fit"/>) and training mode. The same seed gives the same weights
    /// as <see cref="Compile(Network, int?)"/>.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="seed">Seed of the weight initialisation; null for a random one.</param>
    /// <exception cref="NotSupportedException">A layer has no TorchSharp lowering.</exception>
    /// <exception cref="InvalidOperationException">The native libraries do not load, or the CUDA device asked for is not there.</exception>
    public TorchSharpNetwork CompileForInference(Network network, int? seed = null) => Compile(network, seed, forInference: true);

    private TorchSharpNetwork Compile(Network network, int? seed, bool forInference)
    {
        ArgumentNullException.ThrowIfNull(network);
        string target = Device;
        _ = threadsApplied.Value;
        var torchDevice = device(target);
        using var generator = new Generator(unchecked((ulong)(seed ?? Random.Shared.Next())), CPU);
        var module = new NetworkModule(network, torchDevice, generator, checkKernels, forInference);
        return new TorchSharpNetwork(network, module, Name, target, torchDevice);
    }

    /// <inheritdoc />
    ITrainableNetwork ITrainingBackend.Compile(Network network, int? seed) => Compile(network, seed);

    /// <inheritdoc />
    ICompiledNetwork IBackend.Compile(Network network, int? seed) => Compile(network, seed);

    private string ResolveDevice()
    {
        if (!TorchRuntime.IsNativeLibraryLoaded)
        {
            throw new InvalidOperationException(TorchRuntime.NativeDiagnosis);
        }

        if (requestedDevice == "auto")
        {
            return cuda.is_available() ? "cuda" : "cpu";
        }

        if (requestedDevice.StartsWith("cuda", StringComparison.Ordinal))
        {
            int count = cuda.is_available() ? cuda.device_count() : 0;
            int index = requestedDevice == "cuda" ? 0 : int.Parse(requestedDevice["cuda:".Length..], System.Globalization.CultureInfo.InvariantCulture);
            if (index >= count)
            {
                throw new InvalidOperationException(
                    $"Expected a CUDA device for Device={requestedDevice}. Received: torch.cuda.is_available()={(count > 0 ? "true" : "false")}, torch.cuda.device_count()={count}.");
            }
        }

        return requestedDevice;
    }

    /// <summary>
    /// Process-wide settings, once: the thread count asked for, and NNPACK off. NNPACK is
    /// libtorch's convolution library for mobile CPUs; on x86 oneDNN or libtorch's own kernels take
    /// the same convolutions. Asking whether it works (<c>at::_nnpack_available()</c>) initialises it,
    /// which prints "Could not initialize NNPACK! Reason: Unsupported hardware." on standard error
    /// where it can't run, and libtorch asks that on every convolution while NNPACK is enabled; turned
    /// off first, it is never asked, so nothing but FluentNets' own lines reach standard error. And,
    /// unless the options say not to, glibc's malloc keeps freed memory (<see cref="NativeHeap.KeepFreedMemory"/>).
    /// </summary>
    private bool ApplyProcessSettings()
    {
        if (threads is int n)
        {
            set_num_threads(n);
        }

        if (keepFreedMemory)
        {
            NativeHeap.KeepFreedMemory();
        }

        // A libtorch whose switch cannot be reached (an MSVC build) keeps its default.
        if (LibTorchKernels.CanSwitchNnpack)
        {
            LibTorchKernels.Nnpack = false;
        }

        return true;
    }
}
