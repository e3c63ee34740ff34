namespace FluentNets.Backends.TorchSharp;

/// <summary>Options of the TorchSharp backend, validated when the backend is registered.</summary>
public sealed class TorchSharpBackendOptions
{
    /// <summary>The device strings <see cref="Device"/> accepts, as error messages list them.</summary>
    public const string AcceptedDevices = "auto, cpu, cuda or cuda:N (N a device index from 0)";

    /// <summary>
    /// Where networks run: <c>auto</c> (the default: <c>cuda</c> when <c>torch.cuda.is_available()</c>,
    /// <c>cpu</c> otherwise), <c>cpu</c>, <c>cuda</c> (the current CUDA device) or <c>cuda:N</c>.
    /// Case-insensitive.
    /// </summary>
    public string Device { get; set; } = "auto";

    /// <summary>
    /// Threads libtorch uses for intra-op parallelism (<c>torch.set_num_threads</c>), set when the
    /// backend compiles its first network. The setting is process-wide. Null keeps libtorch's default.
    /// </summary>
    public int? Threads { get; set; }

    /// <summary>
    /// Whether a network compiled for the CPU checks its convolutions' oneDNN kernels against float64
    /// before it first runs (<see cref="ConvolutionKernelCheck"/>), and runs those found wrong on
    /// libtorch's own kernels. On by default; it costs one float64 convolution per distinct
    /// configuration per process.
    /// </summary>
    public bool CheckKernels { get; set; } = true;

    /// <summary>
    /// Whether the backend tells glibc's malloc to keep freed memory for reuse when it compiles its
    /// first network (<see cref="NativeHeap.KeepFreedMemory"/>): a training step then stops paying
    /// the kernel to fault in and zero its activations' pages again on every step. On by default;
    /// the setting is process-wide and the process keeps the largest heap it has needed. Nothing
    /// changes where the C library is not glibc.
    /// </summary>
    public bool KeepFreedMemory { get; set; } = true;

    /// <summary>Throws unless <see cref="Device"/> is one of <see cref="AcceptedDevices"/> and <see cref="Threads"/> is null or positive.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message lists the accepted values.</exception>
    public void Validate()
    {
        if (NormalizeDevice(Device) is null)
        {
            throw new ArgumentException(
                $"Expected TorchSharpBackendOptions.Device to be {AcceptedDevices}. Received: Device={(Device is null ? "null" : $"\"{Device}\"")}.",
                nameof(Device));
        }

        if (Threads is <= 0)
        {
            throw new ArgumentException(
                $"Expected TorchSharpBackendOptions.Threads to be null (libtorch's default) or positive. Received: Threads={Threads}.",
                nameof(Threads));
        }
    }

    /// <summary>Whether <paramref name="device"/> is one of <see cref="AcceptedDevices"/>, in any case.</summary>
    /// <param name="device">A device string, e.g. <c>cuda:1</c>.</param>
    /// <returns>True when <see cref="Device"/> may be set to it.</returns>
    public static bool IsDevice(string? device) => NormalizeDevice(device) is not null;

    /// <summary>A copy, so later changes to this object do not reach a registered backend.</summary>
    internal TorchSharpBackendOptions Clone() => new() { Device = Device, Threads = Threads, CheckKernels = CheckKernels, KeepFreedMemory = KeepFreedMemory };

    /// <summary>The lower-case device string, or null when it is not one of <see cref="AcceptedDevices"/>.</summary>
    internal static string? NormalizeDevice(string? device)
    {
        string? text = device?.Trim().ToLowerInvariant();
        return text switch
        {
            "auto" or "cpu" or "cuda" => text,
            not null when text.StartsWith("cuda:", StringComparison.Ordinal) && IsIndex(text["cuda:".Length..]) => $"cuda:{int.Parse(text["cuda:".Length..], System.Globalization.CultureInfo.InvariantCulture)}",
            _ => null,
        };
    }

    private static bool IsIndex(string text) =>
        text.Length is > 0 and <= 4 && text.All(char.IsAsciiDigit);
}
