using FluentNets.Cli;
using FluentNets.Zoo;

namespace FluentNets.Tests.Cli;

public class ZooCommandTests
{
    [Theory]
    [InlineData("lenet5", "32x32x1", "10", "61,706", "0", "416,520")]
    [InlineData("alexnet", "224x224x3", "1,000", "34,066,792", "0", "1,076,922,368")]
    [InlineData("vgg16", "224x224x3", "1,000", "138,357,544", "0", "15,470,264,320")]
    [InlineData("resnet50-pool55", "224x224x3", "1,000", "25,636,712", "53,120", "3,834,331,136")]
    public void ListsAModelWithItsInputClassesParamsAndMacs(string model, string input, string classes, string total, string nonTrainable, string macs)
    {
        var run = CliRun.Of("zoo");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal([model, input, classes, total, nonTrainable, macs], Cells(Row(run.Out, model)));
    }

    [Fact]
    public void ListsEveryModelOfTheZooInOrder()
    {
        var run = CliRun.Of("zoo");

        var names = run.Out.Split('\n').Select(Cells).Where(c => c.Length == 6).Select(c => c[0]).ToArray();
        Assert.Equal(["Model", .. ModelZoo.All.Select(m => m.Name)], names);
    }

    [Fact]
    public void ABrokenModelShowsItsErrorInItsRowAndTheOthersStillList()
    {
        ZooModel[] models =
        [
            ModelZoo.Get("lenet5"),
            new("tiny-lenet", "LeNet", "LeNet-5 on an input too small for it", Shape.Image(8, 8, 1), 10, (input, top) => Classic.LeNet5(input, top.Classes)),
        ];

        var run = CliRun.With(models, "zoo");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal(["fluentnets: 1 of 2 models could not be built: tiny-lenet."], run.ErrorLines);
        Assert.Equal(["lenet5", "32x32x1", "10", "61,706", "0", "416,520"], Cells(Row(run.Out, "lenet5")));
        Assert.StartsWith("tiny-lenet", Cells(Row(run.Out, "tiny-lenet"))[0]);
        Assert.Contains("conv2d_1: kernel 5x5 does not fit input 2x2x6", Cells(Row(run.Out, "tiny-lenet"))[3]);
    }

    private static string Row(string table, string model) =>
        table.Split('\n').Single(line => Cells(line) is [var name, ..] && name == model);

    private static string[] Cells(string line) =>
        line.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
