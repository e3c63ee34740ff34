using System.Text.Json;
using FluentNets.Backends.TorchSharp;

namespace FluentNets.Cli.Runtime;

/// <summary>The real <see cref="ITorchRuntimeInfo"/>: <see cref="TorchRuntime"/>, the app's deps.json and the libLibTorchSharp.so beside the app.</summary>
public sealed class TorchRuntimeInfo : ITorchRuntimeInfo
{
    private const string GlibcxxVersion = "GLIBCXX_3.4.32";

    // The places build/TorchSharp.targets looks for the system libstdc++ (Debian/Ubuntu multiarch, Fedora/RHEL, plain).
    private static readonly string[] LibStdCxxCandidates =
    [
        "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/lib64/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/lib/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
    ];

    /// <inheritdoc />
    public string TorchSharpVersion => TorchRuntime.TorchSharpVersion;

    /// <summary>
    /// The diagnosis up to its cause and fix, without TorchSharp's loader trace (the part after
    /// <c>Details:</c>), for a one-line error; the whole diagnosis when it names no cause.
    /// </summary>
    /// <param name="diagnosis">A <see cref="TorchRuntime.NativeDiagnosis"/>.</param>
    public static string Brief(string diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        int details = diagnosis.IndexOf(" Details: ", StringComparison.Ordinal);
        return details > 0 && diagnosis.Contains(" Cause: ", StringComparison.Ordinal) ? diagnosis[..details] : diagnosis;
    }

    /// <inheritdoc />
    public string LibTorchVersion { get; } = ReadLibTorchVersion();

    /// <inheritdoc />
    public bool NativeLoads => TorchRuntime.IsNativeLibraryLoaded;

    /// <inheritdoc />
    public string NativeDiagnosis => TorchRuntime.NativeDiagnosis;

    /// <inheritdoc />
    public string DebianFix => DescribeDebianFix();

    /// <inheritdoc />
    public bool CudaAvailable => TorchRuntime.IsCudaAvailable;

    /// <inheritdoc />
    public int CudaDevices => TorchRuntime.CudaDeviceCount;

    /// <inheritdoc />
    public int Threads => TorchRuntime.ThreadCount;

    /// <inheritdoc />
    public string KernelSwitches => DescribeKernelSwitches(LibTorchKernels.CanSwitchOneDnn, LibTorchKernels.CanSwitchNnpack, LibTorchKernels.MissingSymbols);

    /// <inheritdoc />
    public string Heap => NativeHeap.Describe();

    /// <summary>The doctor's line for the kernel switches, from what <see cref="LibTorchKernels"/> found.</summary>
    /// <param name="oneDnn">Whether the oneDNN switch was found.</param>
    /// <param name="nnpack">Whether the NNPACK switch was found.</param>
    /// <param name="missing">The symbols libtorch_cpu does not export.</param>
    public static string DescribeKernelSwitches(bool oneDnn, bool nnpack, IReadOnlyList<string> missing)
    {
        ArgumentNullException.ThrowIfNull(missing);
        if (oneDnn && nnpack)
        {
            return "available: oneDNN and NNPACK";
        }

        var skipped = new List<string>();
        if (!oneDnn)
        {
            skipped.Add("oneDNN (its convolution kernels are not checked against float64, and a probe's crash cannot turn it off)");
        }

        if (!nnpack)
        {
            skipped.Add("NNPACK (left on, as libtorch starts)");
        }

        return $"unavailable: {string.Join(" and ", skipped)}; libtorch_cpu does not export {string.Join(", ", missing)}";
    }

    // The libtorch package is a NuGet dependency of the app, so its deps.json names it with its version.
    private static string ReadLibTorchVersion()
    {
        string deps = Path.Combine(AppContext.BaseDirectory, $"{AppDomain.CurrentDomain.FriendlyName}.deps.json");
        string[] files = File.Exists(deps) ? [deps] : Directory.GetFiles(AppContext.BaseDirectory, "*.deps.json");
        foreach (string file in files)
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllBytes(file));
                if (json.RootElement.TryGetProperty("libraries", out var libraries))
                {
                    var name = libraries.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n.StartsWith("libtorch-", StringComparison.OrdinalIgnoreCase));
                    if (name is not null)
                    {
                        return name.Replace('/', ' ');
                    }
                }
            }
            catch (JsonException)
            {
                // A damaged deps.json only means the version is unknown; the runtime would have refused it anyway.
            }
        }

        return "unknown (no libtorch package in the app's deps.json)";
    }

    private static string DescribeDebianFix()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "not needed: not Linux";
        }

        string? library = new[]
        {
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
        }.FirstOrDefault(File.Exists);
        if (library is null)
        {
            return $"unknown: no libLibTorchSharp.so in {AppContext.BaseDirectory}";
        }

        string? libStdCxx = LibStdCxxCandidates.FirstOrDefault(File.Exists);
        bool systemHasIt = libStdCxx is not null && ElfVersionRequirements.Names(libStdCxx, GlibcxxVersion);
        string system = libStdCxx is null ? "no system libstdc++.so.6 was found" : $"the system libstdc++ ({libStdCxx}) {(systemHasIt ? "has" : "lacks")} it";
        try
        {
            return ElfVersionRequirements.Of(library, GlibcxxVersion) switch
            {
                VersionRequirement.Weak => $"applied: {library} requires {GlibcxxVersion} weakly; {system}",
                VersionRequirement.Strict when systemHasIt => $"not needed: {library} requires {GlibcxxVersion} and {system}",
                VersionRequirement.Strict => $"missing: {library} requires {GlibcxxVersion} and {system}; build the app with <UsesTorch>true</UsesTorch> (build/TorchSharp.targets)",
                _ => $"not needed: {library} does not require {GlibcxxVersion}",
            };
        }
        catch (InvalidDataException e)
        {
            return $"unknown: {e.Message}";
        }
    }
}
