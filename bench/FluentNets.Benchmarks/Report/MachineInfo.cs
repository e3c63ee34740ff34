using System.Reflection;
using System.Runtime.InteropServices;

namespace FluentNets.Benchmarks.Report;

/// <summary>Where the numbers were taken.</summary>
/// <param name="Processor">The CPU's model name.</param>
/// <param name="LogicalCores">Environment.ProcessorCount.</param>
/// <param name="Os">Operating system.</param>
/// <param name="Runtime">.NET runtime.</param>
/// <param name="TorchSharp">TorchSharp's version.</param>
public sealed record MachineInfo(string Processor, int LogicalCores, string Os, string Runtime, string TorchSharp)
{
    /// <summary>Reads this machine.</summary>
    public static MachineInfo Current() => new(
        ProcessorName(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        typeof(TorchSharp.torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown");

    private static string ProcessorName()
    {
        const string cpuinfo = "/proc/cpuinfo";
        string? line = File.Exists(cpuinfo) ? File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }
}
