using System.Diagnostics;
using System.Text.RegularExpressions;
using FluentNets.Cli;
using FluentNets.Tests.Data;

namespace FluentNets.Tests.Cli;

/// <summary>
/// The built <c>fluentnets</c> run as a child process, for what an in-process run can't show: a
/// signal from outside, and what native libraries write straight to file descriptor 2.
/// </summary>
public class ChildProcessTests(TrainedLeNet lenet) : IClassFixture<TrainedLeNet>
{
    [Fact]
    public async Task CtrlCStopsTrainingAtTheNextStepWithOneLineExit130AndTheOldWeightsKept()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGINT is sent with kill(1)");
        using var temp = new TempDirectory();
        string file = temp.Write("w.safetensors", "old weights"u8.ToArray());
        using var child = Start("train", "lenet5", "--data", "synthetic", "--epochs", "1000", "--batch", "50", "--device", "cpu", "--save", file);
        var error = child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        // The header line is printed once the handler is in place, just before the first step.
        string? header = await child.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("training lenet5", header);
        using (var kill = Process.Start("kill", ["-INT", child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        await child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(child.WaitForExit(60_000), "train did not stop within a minute of SIGINT");
        string[] lines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(ExitCodes.Interrupted, child.ExitCode);
        Assert.Matches(new Regex($"^fluentnets: interrupted (in epoch [0-9]+ after step [0-9]+ of 20|at the start of epoch [0-9]+); {Regex.Escape(file)} is as it was\\.$"), lines[^1]);
        Assert.Equal("old weights", File.ReadAllText(file));
        Assert.Equal([file], Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task ACommandThatLoadsTorchWritesNothingOfItsOwnToStandardError()
    {
        // libtorch printed "Could not initialize NNPACK! Reason: Unsupported hardware." here on
        // CPUs NNPACK can't use, once per process, before the backend turned NNPACK off.
        Assert.Equal(ExitCodes.Success, lenet.Train.ExitCode);
        using var child = Start("evaluate", "lenet5", "--weights", lenet.Weights, "--data", "synthetic", "--batch", "50", "--device", "cpu");
        var error = child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        string output = await child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(child.WaitForExit(120_000), "evaluate did not end within two minutes");

        Assert.Equal(ExitCodes.Success, child.ExitCode);
        Assert.Equal("", await error);
        Assert.Contains("validation accuracy: ", output, StringComparison.Ordinal);
    }

    /// <summary>Starts the <c>fluentnets</c> this test project was built with.</summary>
    internal static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fluentnets.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }
}
