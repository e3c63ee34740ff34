using System.CommandLine;
using System.Runtime.InteropServices;
using FluentNets.Cli.Runtime;
using Spectre.Console;

namespace FluentNets.Cli.Commands;

/// <summary>
/// <c>fluentnets doctor</c>: the .NET runtime, the OS, the TorchSharp and libtorch versions,
/// whether the native library loads (and whether the Debian 12 loader fix was applied), CUDA,
/// the thread count, whether libtorch's oneDNN and NNPACK switches can be reached and what the C heap does with freed memory, as a table. A native library that does not load is reported with its
/// diagnosis, and the command exits with <see cref="ExitCodes.Failure"/>.
/// </summary>
/// <param name="torch">What TorchSharp reports.</param>
/// <param name="output">Where it prints.</param>
public sealed class DoctorCommand(ITorchRuntimeInfo torch, CliOutput output) : ICliCommand
{
    /// <inheritdoc />
    public Command Create()
    {
        var command = new Command("doctor", "Check the .NET runtime, TorchSharp, libtorch, the native library, CUDA and threads.");
        command.SetAction(_ => Diagnose());
        return command;
    }

    private int Diagnose()
    {
        var table = new Table().AddColumn("Check").AddColumn("Result");
        void Add(string check, string result, bool ok = true) =>
            table.AddRow(new Text(check), ok ? new Text(result) : new Text(result, new Style(Color.Red)));

        Add(".NET", $"{Environment.Version} ({RuntimeInformation.FrameworkDescription}, {RuntimeInformation.RuntimeIdentifier})");
        Add("OS", $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}, {Environment.ProcessorCount} logical cores)");
        Add("TorchSharp", torch.TorchSharpVersion);
        Add("libtorch", torch.LibTorchVersion);
        bool loads = torch.NativeLoads;
        Add("Native library", loads ? $"loads: {torch.NativeDiagnosis}" : $"does not load: {torch.NativeDiagnosis}", loads);
        string fix = torch.DebianFix;
        Add("Debian 12 loader fix", fix, !fix.StartsWith("missing", StringComparison.Ordinal));
        if (loads)
        {
            int devices = torch.CudaAvailable ? torch.CudaDevices : 0;
            Add("CUDA", devices > 0 ? $"available: {devices} device{(devices == 1 ? "" : "s")}" : "not available: --device auto runs on the CPU");
            Add("Threads", $"{torch.Threads} (libtorch intra-op)");
            Add("Kernel switches", torch.KernelSwitches);
        }
        else
        {
            Add("CUDA", "unknown: the native library does not load", ok: false);
            Add("Threads", "unknown: the native library does not load", ok: false);
            Add("Kernel switches", "unknown: the native library does not load", ok: false);
        }

        Add("Native heap", torch.Heap);
        output.Console.Write(table);
        if (loads)
        {
            return ExitCodes.Success;
        }

        output.WriteError($"the TorchSharp native library does not load. {TorchRuntimeInfo.Brief(torch.NativeDiagnosis)}");
        return ExitCodes.Failure;
    }
}
