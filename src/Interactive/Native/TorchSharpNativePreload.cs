using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;

namespace FluentNets.Interactive.Native;

/// <summary>
/// TorchSharp in a notebook on a Linux whose libstdc++ predates GCC 13 (Debian 12): an
/// application gets a patched libLibTorchSharp.so in its output folder from
/// build/LibTorchSharpPatch.targets, but a notebook runs TorchSharp straight from the NuGet
/// packages, where TorchSharp's own fallback copies the unpatched library next to libtorch and
/// fails on GLIBCXX_3.4.32. So, before TorchSharp first loads, libtorch's libraries are loaded
/// from their package and libLibTorchSharp.so from a patched copy in the temporary folder;
/// TorchSharp's first attempt (by name, which the loader answers by soname) then finds them. The
/// NuGet packages are never written.
/// </summary>
internal static class TorchSharpNativePreload
{
    private const string Glibcxx = "GLIBCXX_3.4.32";

    private static readonly string[] LibStdCxx =
        ["/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib64/libstdc++.so.6"];

    // In libtorch's own order of dependence: each one's DT_NEEDED are loaded before it.
    private static readonly string[] LibTorch = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];

    /// <summary>Loads the patched library where it is needed; returns a line saying so, or null where nothing was done.</summary>
    public static string? Run()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return null;
        }

        var system = LibStdCxx.Where(File.Exists).ToArray();
        var needle = Encoding.ASCII.GetBytes(Glibcxx + "\0");
        if (system.Length == 0 || system.All(p => File.ReadAllBytes(p).AsSpan().IndexOf(needle) >= 0))
        {
            return null;
        }

        // TorchSharp.dll sits in <packages>/torchsharp/<version>/lib/<tfm>/; its native library in the same package.
        var managed = new FileInfo(typeof(torch).Assembly.Location);
        var package = managed.Directory?.Parent?.Parent;
        var original = package is null ? null : Path.Combine(package.FullName, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        var root = package?.Parent?.Parent;
        if (original is null || root is null || !File.Exists(original))
        {
            // Not running from the NuGet packages: an application's build already placed (and patched) it.
            return null;
        }

        var libtorch = LibTorchFolder(root.FullName);
        if (libtorch is null)
        {
            return $"TorchSharp needs libtorch: add #r \"nuget: libtorch-cpu-linux-x64\" to the cell that references FluentNets.Interactive (this Linux's libstdc++ lacks {Glibcxx}, so it is loaded from there).";
        }

        string patched = PatchedCopy(original, package!.Name);
        foreach (var library in LibTorch)
        {
            NativeLibrary.Load(Path.Combine(libtorch, library));
        }

        NativeLibrary.Load(patched);
        return $"This Linux's libstdc++ lacks {Glibcxx}: TorchSharp's native library runs from a copy with that requirement marked weak ({patched}).";
    }

    // The highest version of libtorch-cpu-linux-x64 in the packages folder that holds its libraries.
    private static string? LibTorchFolder(string root)
    {
        var packages = Path.Combine(root, "libtorch-cpu-linux-x64");
        if (!Directory.Exists(packages))
        {
            return null;
        }

        return Directory.EnumerateDirectories(packages)
            .Select(d => (Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null, Native: Path.Combine(d, "runtimes", "linux-x64", "native")))
            .Where(p => p.Version is not null && File.Exists(Path.Combine(p.Native, "libtorch_cpu.so")))
            .OrderByDescending(p => p.Version)
            .Select(p => p.Native)
            .FirstOrDefault();
    }

    // One copy per TorchSharp version and file size, written beside and renamed into place so that
    // two kernels starting at once never load half a file.
    private static string PatchedCopy(string original, string torchSharpVersion)
    {
        long size = new FileInfo(original).Length;
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "fluentnets-libtorchsharp", $"{torchSharpVersion}-{size}"));
        string patched = Path.Combine(folder.FullName, "libLibTorchSharp.so");
        if (!File.Exists(patched))
        {
            var bytes = File.ReadAllBytes(original);
            WeakVersionRequirement.Mark(bytes, Glibcxx);
            string partial = $"{patched}.{Environment.ProcessId}.partial";
            File.WriteAllBytes(partial, bytes);
            File.Move(partial, patched, overwrite: true);
        }

        return patched;
    }
}
