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
    public void ListsEveryModelOnceUnderItsFamilyInTheZoosOrder()
    {
        var run = CliRun.Of("zoo");

        var rows = run.Out.Split('\n').Where(line => line.Contains('│')).Select(Cells).Skip(1).ToArray();
        var listed = new List<(string Family, string Model)>();
        string family = "";
        foreach (var row in rows)
        {
            if (row.Length == 1)
            {
                Assert.DoesNotContain(listed, m => m.Family == row[0]);
                family = row[0];
            }
            else
            {
                listed.Add((family, row[0]));
            }
        }

        Assert.Equal(["Model", "Input", "Classes", "Params", "Non-trainable", "MACs"], run.Out.Split('\n').Select(Cells).First(c => c.Length == 6));
        Assert.Equal(ModelZoo.All.Select(m => (m.Family, m.Name)).Order(), listed.Order());
        Assert.Equal(ModelZoo.All.Where(m => m.Family == "ConvNeXt").Select(m => m.Name), listed.Where(m => m.Family == "ConvNeXt").Select(m => m.Model));
    }

    [Theory]
    [InlineData("convnext", new[] { "convnext-tiny", "convnext-small", "convnext-base", "convnext-large", "convnext-xlarge", "tv-convnext-tiny", "tv-convnext-small", "tv-convnext-base", "tv-convnext-large" })]
    [InlineData("wide-resnet", new[] { "tv-wide-resnet50-2", "tv-wide-resnet101-2" })]
    [InlineData("SqueezeNet", new[] { "tv-squeezenet1-0", "tv-squeezenet1-1" })]
    public void FamilyListsOneFamilyIgnoringCaseAndPunctuation(string family, string[] expected)
    {
        var run = CliRun.Of("zoo", "--family", family);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(expected, run.Out.Split('\n').Select(Cells).Where(c => c.Length == 6).Skip(1).Select(c => c[0]));
    }

    [Fact]
    public void AnUnknownFamilyIsAUsageErrorListingTheFamilies()
    {
        var run = CliRun.Of("zoo", "--family", "transformer");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("fluentnets: --family 'transformer' is not a family of the zoo: LeNet, AlexNet, VGG, ", line);
        Assert.Contains(", ConvNeXt, ", line);
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
