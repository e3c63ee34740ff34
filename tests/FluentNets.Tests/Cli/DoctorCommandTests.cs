using System.Diagnostics;
using FluentNets.Cli;
using FluentNets.Cli.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace FluentNets.Tests.Cli;

public class DoctorCommandTests
{
    [Fact]
    public void ReportsTheRuntimeTorchSharpLibTorchAndThreads()
    {
        var run = CliRun.Of("doctor");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        var rows = Rows(run.Out);
        Assert.Equal([".NET", "OS", "TorchSharp", "libtorch", "Native library", "Debian 12 loader fix", "CUDA", "Threads", "Kernel switches", "Native heap"], rows.Keys);
        Assert.StartsWith($"{Environment.Version} (", rows[".NET"]);
        Assert.Equal("0.107.0", rows["TorchSharp"]);
        Assert.Equal("libtorch-cpu-linux-x64 2.10.0", rows["libtorch"]);
        Assert.StartsWith("loads: TorchSharp 0.107.0 runs on the CPU; libLibTorchSharp.so from ", rows["Native library"]);
        Assert.Matches("^(applied|not needed): ", rows["Debian 12 loader fix"]);
        Assert.Matches(@"^\d+ \(libtorch intra-op\)$", rows["Threads"]);
        Assert.Equal("available: oneDNN and NNPACK", rows["Kernel switches"]);

        // Debian's C library is glibc; whether this process has compiled a network yet depends on the other tests.
        Assert.Matches("^glibc('s defaults;| keeps freed memory)", rows["Native heap"]);
    }

    [Fact]
    public void ALibTorchWithoutTheKernelSwitchesIsSaidOnceAndIsNoFailure()
    {
        var windows = new LoadedTorch(TorchRuntimeInfo.DescribeKernelSwitches(false, false, ["_ZN2at13globalContextEv", "_ZN2at4_ops17_nnpack_available4callEv"]));

        var run = CliRun.Configured(services => services.AddSingleton<ITorchRuntimeInfo>(windows), "doctor");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal(
            "unavailable: oneDNN (its convolution kernels are not checked against float64, and a probe's crash cannot turn it off) and NNPACK (left on, as libtorch starts); libtorch_cpu does not export _ZN2at13globalContextEv, _ZN2at4_ops17_nnpack_available4callEv",
            Rows(run.Out)["Kernel switches"]);
    }

    [Fact]
    public void ANativeLibraryThatDoesNotLoadIsADiagnosisAndExitCodeOne()
    {
        var broken = new BrokenTorch("TorchSharp 0.107.0 could not load its native libraries. Cause: libLibTorchSharp.so: invalid ELF header");

        var run = CliRun.Configured(services => services.AddSingleton<ITorchRuntimeInfo>(broken), "doctor");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal([$"fluentnets: the TorchSharp native library does not load. {broken.NativeDiagnosis}"], run.ErrorLines);
        var rows = Rows(run.Out);
        Assert.Equal($"does not load: {broken.NativeDiagnosis}", rows["Native library"]);
        Assert.Equal("unknown: the native library does not load", rows["CUDA"]);
        Assert.Equal("unknown: the native library does not load", rows["Threads"]);
        Assert.Equal("unknown: the native library does not load", rows["Kernel switches"]);
    }

    [Fact]
    public void AnAppWhoseNativeLibraryIsBrokenSaysWhyInOneLineWithoutAStackTrace()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "The native libraries are laid out for linux-x64 here.");
        using var app = MakeBrokenApp();

        var doctor = Fluentnets(app.Path, "doctor");
        var train = Fluentnets(app.Path, "train", "lenet5", "--data", "synthetic", "--epochs", "1");

        Assert.Equal(ExitCodes.Failure, doctor.ExitCode);
        string doctorLine = Assert.Single(doctor.ErrorLines);
        Assert.StartsWith("fluentnets: the TorchSharp native library does not load. TorchSharp 0.107.0 could not load its native libraries. Cause: ", doctorLine);
        Assert.Contains("libLibTorchSharp.so", doctorLine);
        Assert.Contains("does not load: TorchSharp 0.107.0 could not load its native libraries.", doctor.Out);
        Assert.Equal(ExitCodes.Failure, train.ExitCode);
        Assert.Equal("", train.Out);
        string trainLine = Assert.Single(train.ErrorLines);
        Assert.StartsWith("fluentnets: TorchSharp 0.107.0 could not load its native libraries. Cause: ", trainLine);
        Assert.EndsWith("`fluentnets doctor` shows the details.", trainLine);
        Assert.All(new[] { doctor.Out, doctor.Error, train.Error }, text => Assert.DoesNotContain("   at ", text));
    }

    // The CLI as this test project's output holds it, but with a libLibTorchSharp.so that is not a library.
    // It lives in one fixed folder of the output, emptied first, so a run killed midway leaves one copy, not one per run.
    private static BrokenApp MakeBrokenApp()
    {
        string bin = AppContext.BaseDirectory;
        var app = new BrokenApp(Path.Combine(bin, "broken-native-app"));
        foreach (string file in Directory.EnumerateFiles(bin).Where(f => f.EndsWith(".dll", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(app.Path, Path.GetFileName(file)));
        }

        string native = Path.Combine(app.Path, "runtimes", "linux-x64", "native");
        Directory.CreateDirectory(native);
        foreach (string library in Directory.EnumerateFiles(Path.Combine(bin, "runtimes", "linux-x64", "native")).Where(f => Path.GetFileName(f) != "libLibTorchSharp.so"))
        {
            File.CreateSymbolicLink(Path.Combine(native, Path.GetFileName(library)), library);
        }

        File.WriteAllText(Path.Combine(native, "libLibTorchSharp.so"), "not a library");
        // When loading fails, TorchSharp falls back to copying libtorch (half a gigabyte) from the NuGet
        // cache into a "cpu" folder beside TorchSharp.dll; a file of that name makes the fallback fail at once.
        File.WriteAllText(Path.Combine(app.Path, "cpu"), "");
        return app;
    }

    private static CliRun Fluentnets(string app, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = app,
        };
        start.ArgumentList.Add(Path.Combine(app, "fluentnets.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliRun(process.ExitCode, output.Replace("\r\n", "\n", StringComparison.Ordinal), error.Result.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    // Two-column rows; a value Spectre wrapped onto continuation lines is joined back with spaces.
    private static Dictionary<string, string> Rows(string table)
    {
        var rows = new Dictionary<string, string>();
        string? last = null;
        foreach (var cells in table.Split('\n').Select(l => l.Split('│')).Where(c => c.Length == 4).Select(c => (Key: c[1].Trim(), Value: c[2].Trim())))
        {
            if (cells.Key.Length == 0 && last is not null)
            {
                rows[last] += " " + cells.Value;
            }
            else if (cells.Key != "Check")
            {
                rows[cells.Key] = cells.Value;
                last = cells.Key;
            }
        }

        return rows;
    }

    /// <summary>A folder for the broken app: emptied when made and deleted when disposed.</summary>
    private sealed class BrokenApp : IDisposable
    {
        public BrokenApp(string path)
        {
            Path = path;
            Dispose();
            Directory.CreateDirectory(path);
        }

        public string Path { get; }

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }

    /// <summary>A runtime whose native library does not load: reading CUDA or threads would be a bug.</summary>
    private sealed class BrokenTorch(string diagnosis) : ITorchRuntimeInfo
    {
        public string TorchSharpVersion => "0.107.0";

        public string LibTorchVersion => "libtorch-cpu-linux-x64 2.10.0";

        public bool NativeLoads => false;

        public string NativeDiagnosis => diagnosis;

        public string DebianFix => "unknown: no libLibTorchSharp.so in /app/";

        public bool CudaAvailable => throw new InvalidOperationException(diagnosis);

        public int CudaDevices => throw new InvalidOperationException(diagnosis);

        public int Threads => throw new InvalidOperationException(diagnosis);

        public string KernelSwitches => throw new InvalidOperationException(diagnosis);

        public string Heap => "left as it is: the C library is not glibc";
    }

    private sealed class LoadedTorch(string kernelSwitches) : ITorchRuntimeInfo
    {
        public string TorchSharpVersion => "0.107.0";

        public string LibTorchVersion => "libtorch-cpu-win-x64 2.10.0";

        public bool NativeLoads => true;

        public string NativeDiagnosis => "TorchSharp 0.107.0 runs on the CPU; LibTorchSharp.dll from the platform's search path.";

        public string DebianFix => "not needed: not Linux";

        public bool CudaAvailable => false;

        public int CudaDevices => 0;

        public int Threads => 2;

        public string KernelSwitches => kernelSwitches;

        public string Heap => "left as it is: the C library is not glibc";
    }
}
