namespace FluentNets.Cli.Runtime;

/// <summary>What <c>fluentnets doctor</c> reports about TorchSharp and libtorch in this process.</summary>
public interface ITorchRuntimeInfo
{
    /// <summary>The TorchSharp package version, e.g. <c>0.107.0</c>.</summary>
    string TorchSharpVersion { get; }

    /// <summary>The libtorch package the app was built with and its version, e.g. <c>libtorch-cpu-linux-x64 2.10.0</c>; <c>unknown</c> when not recorded.</summary>
    string LibTorchVersion { get; }

    /// <summary>Whether libtorch and libLibTorchSharp load and run a tensor operation. Never throws.</summary>
    bool NativeLoads { get; }

    /// <summary>Where the native library was loaded from, or why it did not load and the likely fix.</summary>
    string NativeDiagnosis { get; }

    /// <summary>Whether the Debian 12 loader fix (a weak GLIBCXX_3.4.32 requirement in libLibTorchSharp.so) is applied, and whether it is needed.</summary>
    string DebianFix { get; }

    /// <summary>Whether libtorch sees a CUDA device; only read when <see cref="NativeLoads"/>.</summary>
    bool CudaAvailable { get; }

    /// <summary>The number of CUDA devices; only read when <see cref="NativeLoads"/>.</summary>
    int CudaDevices { get; }

    /// <summary>libtorch's intra-op thread count; only read when <see cref="NativeLoads"/>.</summary>
    int Threads { get; }

    /// <summary>
    /// Whether FluentNets can reach libtorch's oneDNN and NNPACK switches (C++ symbols of
    /// libtorch_cpu), and what it skips where it cannot; only read when <see cref="NativeLoads"/>.
    /// </summary>
    string KernelSwitches { get; }

    /// <summary>What glibc's malloc does with freed memory in this process (<see cref="Backends.TorchSharp.NativeHeap"/>).</summary>
    string Heap { get; }
}
