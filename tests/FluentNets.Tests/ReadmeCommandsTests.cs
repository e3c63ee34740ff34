using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using FluentNets.Backends;
using FluentNets.Backends.Reference;
using FluentNets.Cli;
using FluentNets.Tests.Cli;
using FluentNets.Tests.Data;
using FluentNets.Weights;
using FluentNets.Zoo;
using SkiaSharp;

namespace FluentNets.Tests;

/// <summary>
/// Every command README.md shows, split into words as bash splits it and run: <c>fluentnets ...</c>
/// and <c>dotnet run --project src/Cli -- ...</c> run this build's <c>fluentnets.dll</c> in one
/// working folder, in README's order where one command reads a file another writes, and must exit 0;
/// where README shows the output, the output is compared. A file README expects the reader to have
/// is made as a small stand-in where that is cheap (an image folder, a class list, random GoogLeNet
/// weights); otherwise the command is skipped naming the file. The packaging and test-suite
/// commands are what <c>.ci/run</c> itself runs.
/// </summary>
public partial class ReadmeCommandsTests(ReadmeCommandsTests.Workspace workspace) : IClassFixture<ReadmeCommandsTests.Workspace>
{
    /// <summary>The commands <c>.ci/run</c> runs itself, by their first words, with why they are not run here.</summary>
    private static readonly (string[] Start, string Reason)[] RunByCi =
    [
        (["dotnet", "test"], "runs every test project, this one included; .ci/run runs it"),
        (["dotnet", "pack"], ".ci/run packs the solution (the tool's package carries libtorch) and installs the tool from the packs"),
        (["dotnet", "tool", "install"], ".ci/run installs the tool from its packs into a temporary tool path"),
        (["./tools/fluentnets"], ".ci/run runs `fluentnets zoo` and `fluentnets doctor` from the installed tool"),
        (["dotnet", "tool", "restore", "&&"], "mutation testing takes about 14 minutes; .ci/run runs a scoped mutation run"),
    ];

    public static TheoryData<int, string> Commands => new(
        ReadmeCommand.Parse(File.ReadAllText(ReadmeCommand.ReadmePath)).Select(c => (c.Line, c.Text)));

    [Fact]
    public void ReadmeShowsCommandsAndEachIsAFluentnetsCommandOrOneCiRuns()
    {
        var commands = ReadmeCommand.Parse(File.ReadAllText(ReadmeCommand.ReadmePath));

        Assert.True(commands.Count >= 15, $"found only {commands.Count} commands in README.md");
        Assert.All(commands, c => Assert.True(
            FluentnetsArguments(c) is not null || WhyCiRunsIt(c) is not null,
            $"README.md line {c.Line}: `{c.Text}` is neither `fluentnets ...`, `dotnet run --project src/Cli -- ...` nor a command .ci/run runs."));
    }

    [Fact]
    public void CommandsSplitAsBashSplitsThem()
    {
        Assert.Equal(["fluentnets", "summary", "resnet50", "--format", "markdown"], ReadmeCommand.Split("fluentnets summary resnet50 --format markdown   # --format table|json"));
        Assert.Equal(["export", "--preprocessing", "[0, 1]", "a#b", "x y"], ReadmeCommand.Split("export --preprocessing '[0, 1]' a#b \"x y\""));
        Assert.Equal(["a", "|", "b"], ReadmeCommand.Split(@"a \| b"));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void TheCommandRuns(int line, string text)
    {
        var command = workspace.Commands.Single(c => c.Line == line);
        Assert.Equal(text, command.Text);
        if (WhyCiRunsIt(command) is { } reason)
        {
            Assert.Skip(reason);
        }

        var run = workspace.Run(command);

        Assert.True(run.ExitCode == ExitCodes.Success, $"README.md line {line}: `{text}` exited {run.ExitCode}: {run.Error}");
        if (command.ShownOutput.Count > 0)
        {
            AssertShownOutput(command.ShownOutput, run);
        }
    }

    /// <summary>
    /// The arguments <c>fluentnets</c> gets from a README command; null when the command is not one.
    /// <c>dotnet run</c> may name the configuration and must run src/Cli.
    /// </summary>
    internal static IReadOnlyList<string>? FluentnetsArguments(ReadmeCommand command)
    {
        var words = command.Words;
        if (words is ["fluentnets", ..])
        {
            return words.Skip(1).ToArray();
        }

        if (words is ["dotnet", "run", ..])
        {
            int separator = words.ToList().IndexOf("--");
            var options = words.Take(separator < 0 ? words.Count : separator).Skip(2).ToArray();
            bool ours = options is ["--project", "src/Cli"] or ["-c", "Release", "--project", "src/Cli"];
            return separator > 0 && ours ? words.Skip(separator + 1).ToArray() : null;
        }

        return null;
    }

    private static string? WhyCiRunsIt(ReadmeCommand command) =>
        RunByCi.FirstOrDefault(c => command.Words.Take(c.Start.Length).SequenceEqual(c.Start)).Reason;

    /// <summary>
    /// Each line README shows is in the output, in order: exactly, but for the numbers of a line
    /// with a timing in it (<c>N img/s</c>, <c>N s</c>), which vary with the machine's load and, in
    /// the last digits of a loss, with its CPU's kernels. <c>...</c> and a parenthesised note stand
    /// for lines left out; the oneDNN guard's line depends on the CPU (README says so), and is left
    /// out too.
    /// </summary>
    private static void AssertShownOutput(IReadOnlyList<string> shown, CliRun run)
    {
        var actual = run.ErrorLines.Concat(run.OutLines).Select(l => l.TrimEnd()).ToArray();
        int at = 0;
        foreach (string expected in shown.Where(l => l != "..." && !l.StartsWith('(') && !l.StartsWith("oneDNN's", StringComparison.Ordinal)))
        {
            string escaped = Regex.Escape(expected);
            var pattern = new Regex("^" + (Timed().IsMatch(expected) ? Number().Replace(escaped, "[0-9]+(\\.[0-9]+)?") : escaped) + "$");
            int found = Array.FindIndex(actual, at, pattern.IsMatch);
            Assert.True(found >= 0, $"README shows `{expected}`; the output after line {at} is:\n{string.Join('\n', actual.Skip(at))}");
            at = found + 1;
        }
    }

    [GeneratedRegex(@"[0-9]+ img/s|[0-9] s$")]
    private static partial Regex Timed();

    // A number in Regex.Escape's output, where a decimal point is written \.
    [GeneratedRegex(@"[0-9]+(\\\.[0-9]+)?")]
    private static partial Regex Number();

    /// <summary>
    /// The folder README's commands run in, with the stand-ins for what README expects the reader to
    /// have, and each command's run, once.
    /// </summary>
    public sealed class Workspace : IDisposable
    {
        // A command with --epochs runs one epoch instead of README's 5 or 10 unless README shows its
        // output: the point is that the command runs, and the one run whose output README shows
        // (LeNet-5's 10 epochs on the digits) runs in full. Xception at 150x150 on the stand-in
        // image folder costs seconds an image on two cores.
        private const string OneEpoch = "1";

        private readonly TempDirectory temp = new();
        private readonly Dictionary<string, CliRun> runs = [];
        private readonly Lock gate = new();

        public Workspace()
        {
            Commands = ReadmeCommand.Parse(File.ReadAllText(ReadmeCommand.ReadmePath));
        }

        public IReadOnlyList<ReadmeCommand> Commands { get; }

        /// <summary>Runs <paramref name="command"/> once (after the README commands that write a file it reads), or skips it naming a file no command or stand-in makes.</summary>
        public CliRun Run(ReadmeCommand command)
        {
            lock (gate)
            {
                return RunLocked(command);
            }
        }

        public void Dispose() => temp.Dispose();

        private CliRun RunLocked(ReadmeCommand command)
        {
            var arguments = FluentnetsArguments(command) ?? throw new InvalidOperationException($"README.md line {command.Line} is not a fluentnets command.");
            var run = command.ShownOutput.Count > 0 ? arguments : WithOneEpoch(arguments);

            // README shows `train lenet5` twice, at the top and with its output: it runs once, in full.
            string key = string.Join('\n', run);
            if (runs.TryGetValue(key, out var done))
            {
                return done;
            }

            foreach (string input in Inputs(arguments))
            {
                var writer = Commands.TakeWhile(c => c.Line < command.Line).LastOrDefault(c => FluentnetsArguments(c) is { } a && Outputs(a).Contains(input));
                if (writer is not null)
                {
                    var written = RunLocked(writer);
                    Assert.True(written.ExitCode == ExitCodes.Success, $"README.md line {writer.Line}, which writes {input}, exited {written.ExitCode}: {written.Error}");
                }
                else if (!MakeStandIn(input))
                {
                    Assert.Skip($"needs {input}, which README expects the reader to download (keras.applications' published weights, about 100 MB); WeightsOptionTests runs --weights on Keras files that h5py writes");
                }
            }

            var result = Fluentnets(run);
            runs[key] = result;
            return result;
        }

        private static IEnumerable<string> Inputs(IReadOnlyList<string> arguments)
        {
            for (int i = 0; i + 1 < arguments.Count; i++)
            {
                if (arguments[i] is "--weights" or "--image" or "--class-names")
                {
                    yield return arguments[i + 1];
                }
                else if (arguments[i] == "--data" && arguments[i + 1].StartsWith("folder:", StringComparison.Ordinal))
                {
                    yield return arguments[i + 1]["folder:".Length..];
                }
            }
        }

        private static IEnumerable<string> Outputs(IReadOnlyList<string> arguments)
        {
            for (int i = 0; i + 1 < arguments.Count; i++)
            {
                if (arguments[i] is "--save" or "-o" or "--checkpoint")
                {
                    yield return arguments[i + 1];
                }
            }
        }

        private static IReadOnlyList<string> WithOneEpoch(IReadOnlyList<string> arguments) =>
            arguments.Select((a, i) => i > 0 && arguments[i - 1] == "--epochs" ? OneEpoch : a).ToArray();

        /// <summary>Makes a small stand-in for a file or folder README expects the reader to have; false when there is none.</summary>
        private bool MakeStandIn(string input)
        {
            string path = Path.Combine(temp.Path, input);
            if (File.Exists(path) || Directory.Exists(path))
            {
                return true;
            }

            string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(input));
            if (input.StartsWith("./flower_photos", StringComparison.Ordinal))
            {
                WriteFlowerPhotos(Path.Combine(temp.Path, "flower_photos"));
                return File.Exists(path) || Directory.Exists(path);
            }

            switch (name)
            {
                case "classes.txt":
                    File.WriteAllLines(path, Enumerable.Range(0, 1000).Select(i => string.Create(CultureInfo.InvariantCulture, $"class {i}")));
                    return true;
                case "g.safetensors":
                    // GoogLeNet's weights as the reference backend initialises them: the layout export reads.
                    var googlenet = ModelZoo.Get("googlenet").Build();
                    using (var compiled = new ReferenceBackend().Compile(googlenet, seed: 1))
                    {
                        WeightFile.Save(path, compiled.GetState());
                    }

                    return true;
                default:
                    return false;
            }
        }

        // tf_flowers' five classes of four small JPEGs (a colour each, with noise), named as the photos README
        // shows, so that a split of 0.75, 0.15 and 0.10 leaves every part non-empty.
        private static void WriteFlowerPhotos(string root)
        {
            (string Name, SKColor Color)[] classes = [("daisy", SKColors.White), ("dandelion", SKColors.Gold), ("roses", SKColors.Red), ("sunflowers", SKColors.Orange), ("tulips", SKColors.Yellow)];
            foreach (var (name, color) in classes)
            {
                Directory.CreateDirectory(Path.Combine(root, name));
                for (int i = 0; i < 4; i++)
                {
                    string file = name == "roses" && i == 0 ? "12240303_80d87f77a3_n.jpg" : $"{name}_{i}.jpg";
                    File.WriteAllBytes(Path.Combine(root, name, file), ImageFiles.Halves(48, 36, color, new SKColor((byte)(60 * i), (byte)(255 - 60 * i), 128), SKEncodedImageFormat.Jpeg));
                }
            }
        }

        private CliRun Fluentnets(IReadOnlyList<string> arguments)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = temp.Path,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fluentnets.dll"));
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit();
            return new CliRun(process.ExitCode, output.Replace("\r\n", "\n", StringComparison.Ordinal), error.Result.Replace("\r\n", "\n", StringComparison.Ordinal));
        }
    }
}
