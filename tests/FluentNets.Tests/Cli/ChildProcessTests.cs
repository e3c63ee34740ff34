using System.Diagnostics;
using System.Text.RegularExpressions;
using FluentNets.Cli;
using FluentNets.Tests.Data;
using FluentNets.Weights;

namespace FluentNets.Tests.Cli;

/// <summary>
/// The built <c>fluentnets</c> run as a child process, for what an in-process run can't show: a
/// signal from outside, and what native libraries write straight to file descriptor 2.
/// </summary>
public class ChildProcessTests(TrainedLeNet lenet) : IClassFixture<TrainedLeNet>
{
    [Theory]
    [InlineData("INT", "interrupted", ExitCodes.Interrupted)]
    [InlineData("TERM", "terminated \\(SIGTERM\\)", ExitCodes.Terminated)]
    public async Task ASignalStopsTrainingAtTheNextStepWithOneLineItsExitCodeAndTheOldWeightsKept(string signal, string what, int exitCode)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the signal is sent with kill(1)");
        using var temp = new TempDirectory();
        string file = temp.Write("w.safetensors", "old weights"u8.ToArray());
        using var child = await StartTraining(file, "1000");
        var error = child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await Kill(signal, child);

        await child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(child.WaitForExit(60_000), $"train did not stop within a minute of SIG{signal}");
        string[] lines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(exitCode, child.ExitCode);
        Assert.Matches(new Regex($"^fluentnets: {what} (in epoch [0-9]+ after step [0-9]+ of 20|at the start of epoch [0-9]+); {Regex.Escape(file)} is as it was\\.$"), lines[^1]);
        Assert.Equal("old weights", File.ReadAllText(file));
        Assert.Equal([file], Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task ARunKilledOutrightLeavesTheOldWeightsAndTheNextRunRemovesItsPartialFileSayingSo()
    {
        // SIGKILL can't be caught: the killed run's claim stays behind, and the next run must
        // neither be refused by it nor leave it.
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the signal is sent with kill(1)");
        using var temp = new TempDirectory();
        string file = temp.Write("w.safetensors", "old weights"u8.ToArray());
        using (var child = await StartTraining(file, "1000"))
        {
            await Kill("KILL", child);
            await child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            Assert.True(child.WaitForExit(60_000), "train did not end within a minute of SIGKILL");
            Assert.Equal(128 + 9, child.ExitCode);
        }

        Assert.Equal("old weights", File.ReadAllText(file));
        Assert.Equal([file, file + ".partial"], Directory.GetFileSystemEntries(temp.Path).Order().ToArray());

        using var next = await StartTraining(file, "1");
        var error = next.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await next.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(next.WaitForExit(120_000), "one epoch did not end within two minutes");

        Assert.Equal(ExitCodes.Success, next.ExitCode);
        // The oneDNN guard may add its own line after this one.
        Assert.Equal(
            $"fluentnets: --save {file}: w.safetensors.partial was left by a run that was killed before it could remove it; this run takes it over.",
            (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]);
        Assert.Equal([file], Directory.GetFileSystemEntries(temp.Path));
        Assert.Equal("lenet5", FluentNets.Weights.WeightFile.ReadMetadata(file)["network"]);
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

    // Returns once the header line is printed: the signal handlers are in place then, just before the first step.
    private static async Task<Process> StartTraining(string save, string epochs)
    {
        var child = Start("train", "lenet5", "--data", "synthetic", "--epochs", epochs, "--batch", "50", "--device", "cpu", "--save", save);
        string? header = await child.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("training lenet5", header);
        return child;
    }

    private static async Task Kill(string signal, Process child)
    {
        using var kill = Process.Start("kill", [$"-{signal}", child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
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
