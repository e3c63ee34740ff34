using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// Describes the TorchSharp runtime this process uses: the managed version, whether the native
/// libraries load, and the devices and threads libtorch sees.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lazy<(bool Loaded, string Diagnosis)> NativeProbe = new(ProbeNative);

    /// <summary>Gets the version of the TorchSharp assembly, such as <c>0.107.0</c>.</summary>
    public static string TorchSharpVersion { get; } = ReadTorchSharpVersion();

    /// <summary>
    /// Gets whether libtorch and libLibTorchSharp load and run a tensor operation on the CPU.
    /// Never throws: when this is false, <see cref="NativeDiagnosis"/> says why.
    /// </summary>
    public static bool IsNativeLibraryLoaded => NativeProbe.Value.Loaded;

    /// <summary>
    /// Gets a readable account of loading the native libraries: where libLibTorchSharp.so was
    /// loaded from when it worked, or the error chain and the likely fix when it did not.
    /// </summary>
    public static string NativeDiagnosis => NativeProbe.Value.Diagnosis;

    /// <summary>Gets whether libtorch can use a CUDA device (<c>torch.cuda.is_available()</c>).</summary>
    /// <exception cref="InvalidOperationException">The native libraries do not load; the message is <see cref="NativeDiagnosis"/>.</exception>
    public static bool IsCudaAvailable
    {
        get
        {
            EnsureNativeLoaded();
            return torch.cuda.is_available();
        }
    }

    /// <summary>Gets the number of CUDA devices libtorch sees; 0 without CUDA.</summary>
    /// <exception cref="InvalidOperationException">The native libraries do not load; the message is <see cref="NativeDiagnosis"/>.</exception>
    public static int CudaDeviceCount
    {
        get
        {
            EnsureNativeLoaded();
            return torch.cuda.device_count();
        }
    }

    /// <summary>Gets the number of threads libtorch uses for intra-op parallelism.</summary>
    /// <exception cref="InvalidOperationException">The native libraries do not load; the message is <see cref="NativeDiagnosis"/>.</exception>
    public static int ThreadCount
    {
        get
        {
            EnsureNativeLoaded();
            return torch.get_num_threads();
        }
    }

    private static void EnsureNativeLoaded()
    {
        if (!IsNativeLibraryLoaded)
        {
            throw new InvalidOperationException(NativeDiagnosis);
        }
    }

    private static string ReadTorchSharpVersion()
    {
        var assembly = typeof(torch).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }

    // Loading fails in many shapes (NotSupportedException carrying TorchSharp's own trace,
    // DllNotFoundException, TypeInitializationException), and the point here is to report
    // every one of them rather than throw, so the catch is deliberately broad.
    private static (bool Loaded, string Diagnosis) ProbeNative()
    {
        try
        {
            using var ones = torch.ones(2, 2);
            using var sum = ones.sum();
            var value = sum.item<float>();
            if (value != 4f)
            {
                return (false, $"Expected torch.ones(2, 2).sum() to be 4. Received: sum={value}");
            }

            return (true, $"TorchSharp {TorchSharpVersion} runs on the CPU; libLibTorchSharp.so from {LoadedFrom("libLibTorchSharp.so")}.");
        }
        catch (Exception exception)
        {
            return (false, Explain(exception));
        }
    }

    private static string Explain(Exception exception)
    {
        var chain = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            chain.Add($"{current.GetType().FullName}: {current.Message}");
        }

        // TorchSharp's own message blames a missing libtorch package whatever the cause, and
        // its trace leaves out the loader's error; loading the library directly recovers it.
        var loaderError = LoaderError();
        var text = $"TorchSharp {TorchSharpVersion} could not load its native libraries.";
        if (loaderError is not null)
        {
            text += $" Cause: {loaderError}";
        }

        if (loaderError?.Contains("GLIBCXX_3.4.32", StringComparison.Ordinal) == true)
        {
            text += " Fix: the system libstdc++ is older than GCC 13's and this output folder holds an unpatched libLibTorchSharp.so; "
                + "import build/TorchSharp.targets in the project that built it (test and app projects too, not only the backend) and build again.";
        }

        return $"{text} Details: {string.Join(" ---> ", chain)}";
    }

    private static string? LoaderError()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        string[] places =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
        ];
        foreach (var path in places.Where(File.Exists))
        {
            try
            {
                NativeLibrary.Free(NativeLibrary.Load(path));
            }
            catch (DllNotFoundException exception)
            {
                return exception.Message;
            }
        }

        return null;
    }

    private static string LoadedFrom(string fileName)
    {
        const string maps = "/proc/self/maps";
        if (!OperatingSystem.IsLinux() || !File.Exists(maps))
        {
            return "the platform's search path";
        }

        var line = File.ReadLines(maps).FirstOrDefault(l => l.EndsWith("/" + fileName, StringComparison.Ordinal));
        return line is null ? "an unknown path" : line[line.IndexOf('/', StringComparison.Ordinal)..];
    }
}
