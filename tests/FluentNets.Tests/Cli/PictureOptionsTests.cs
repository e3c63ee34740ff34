using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using FluentNets.Cli;

namespace FluentNets.Tests.Cli;

/// <summary><c>train --plot</c> and <c>evaluate --confusion</c>, read back from the pictures they write.</summary>
public class PictureOptionsTests(TrainedLeNet lenet) : IClassFixture<TrainedLeNet>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void TrainPlotDrawsEachEpochOfTheReportAndRewritesTheFileAfterEveryEpoch()
    {
        string file = lenet.PathOf("curves.svg");
        int rewrites = 0;
        using (var watcher = new FileSystemWatcher(Path.GetDirectoryName(file)!, "curves.svg") { EnableRaisingEvents = true })
        {
            watcher.Renamed += (_, _) => Interlocked.Increment(ref rewrites);
            var run = CliRun.Of("train", "lenet5", "--data", "synthetic", "--epochs", "3", "--batch", "50", "--device", "cpu", "--plot", file, "--format", "json");

            Assert.Equal(ExitCodes.Success, run.ExitCode);
            using var json = JsonDocument.Parse(run.Out);
            var epochs = json.RootElement.GetProperty("epochs").EnumerateArray().ToArray();
            var points = XDocument.Load(file).Descendants(Svg + "circle").Where(c => (string?)c.Attribute("class") == "point")
                .ToLookup(c => (string)c.Attribute("data-series")!, c => (Epoch: (int)c.Attribute("data-epoch")!, Value: double.Parse((string)c.Attribute("data-value")!, CultureInfo.InvariantCulture)));
            foreach (var series in new[] { "loss", "accuracy", "val_loss", "val_accuracy" })
            {
                Assert.Equal(epochs.Select(e => (e.GetProperty("epoch").GetInt32(), e.GetProperty(series).GetDouble())), points[series]);
            }

            // The picture is renamed into place once per epoch (inotify delivers the events a little later).
            SpinWait.SpinUntil(() => Volatile.Read(ref rewrites) >= 3, TimeSpan.FromSeconds(10));
        }

        Assert.Equal(3, rewrites);
        Assert.False(File.Exists(file + ".partial"));
    }

    [Fact]
    public void EvaluateConfusionCountsEveryValidationExampleOnceWithTheCorrectOnesOnTheDiagonal()
    {
        using var trained = JsonDocument.Parse(lenet.Train.Out);
        string file = lenet.PathOf("confusion.svg");

        var run = CliRun.Of("evaluate", "lenet5", "--weights", lenet.Weights, "--data", "synthetic", "--batch", "50", "--device", "cpu", "--confusion", file);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal($"drew the confusion matrix to {file}", run.OutLines[^1]);
        var cells = XDocument.Load(file).Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "cell")
            .Select(g => (Actual: (int)g.Attribute("data-actual")!, Predicted: (int)g.Attribute("data-predicted")!, Count: (int)g.Attribute("data-count")!))
            .ToArray();
        Assert.Equal(100, cells.Length);
        Assert.Equal(trained.RootElement.GetProperty("validation_count").GetInt32(), cells.Sum(c => c.Count));
        Assert.Equal(trained.RootElement.GetProperty("final_validation_correct").GetInt32(), cells.Where(c => c.Actual == c.Predicted).Sum(c => c.Count));
        var svg = XDocument.Load(file);
        Assert.Equal(
            Enumerable.Range(0, 10).Select(c => c.ToString(CultureInfo.InvariantCulture)),
            svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "actual").Select(t => t.Value));
    }

    [Theory]
    [InlineData("train", "--plot")]
    [InlineData("evaluate", "--confusion")]
    public void APictureInAFolderThatDoesNotExistIsOneLineBeforeAnyWork(string command, string option)
    {
        string missing = Path.Combine(Path.GetTempPath(), "fluentnets-no-such-" + Guid.NewGuid().ToString("N"));
        string file = Path.Combine(missing, "picture.svg");
        string[] weights = command == "evaluate" ? ["--weights", lenet.Weights] : [];

        var run = CliRun.Of([command, "lenet5", "--data", "synthetic", "--device", "cpu", .. weights, option, file]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal([$"fluentnets: {option} {file}: the directory {missing} does not exist."], run.ErrorLines);
    }

    [Fact]
    public void APictureThatIsAFolderIsOneLine()
    {
        string folder = Path.GetDirectoryName(lenet.Weights)!;

        var run = CliRun.Of("train", "lenet5", "--data", "synthetic", "--plot", folder);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal([$"fluentnets: --plot {folder}: is a directory; expected a file name such as {Path.Combine(folder, "picture.svg")}."], run.ErrorLines);
    }
}
