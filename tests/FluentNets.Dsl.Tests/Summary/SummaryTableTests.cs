using FluentNets.Zoo;

namespace FluentNets.Dsl.Tests.Summary;

public class SummaryTableTests
{
    [Fact]
    public void LeNet5PrintsAsAKeras2SequentialTable()
    {
        // Keras 2's 65-column layout: fields cut at columns 29, 55 and 65, so "max_pooling2d_1
        // (MaxPooling2D)" loses its last characters exactly as seed 000's tables show it.
        string[] expected =
        [
            "Model: \"lenet5\"",
            "_________________________________________________________________",
            "Layer (type)                 Output Shape              Param #   ",
            "=================================================================",
            "conv2d (Conv2D)              (None, 28, 28, 6)         156       ",
            "_________________________________________________________________",
            "max_pooling2d (MaxPooling2D) (None, 14, 14, 6)         0         ",
            "_________________________________________________________________",
            "conv2d_1 (Conv2D)            (None, 10, 10, 16)        2416      ",
            "_________________________________________________________________",
            "max_pooling2d_1 (MaxPooling2 (None, 5, 5, 16)          0         ",
            "_________________________________________________________________",
            "flatten (Flatten)            (None, 400)               0         ",
            "_________________________________________________________________",
            "dense (Dense)                (None, 120)               48120     ",
            "_________________________________________________________________",
            "dense_1 (Dense)              (None, 84)                10164     ",
            "_________________________________________________________________",
            "dense_2 (Dense)              (None, 10)                850       ",
            "=================================================================",
            "Total params: 61,706 (241.04 KB)",
            "Trainable params: 61,706 (241.04 KB)",
            "Non-trainable params: 0 (0.00 B)",
            "Total MACs: 416,520",
            "Activation memory per example: 37.18 KB",
            "_________________________________________________________________",
            "",
        ];

        Assert.Equal(string.Join("\n", expected), ModelZoo.Get("lenet5").Build().Summary());
    }

    [Theory]
    [InlineData("alexnet", "conv2d (Conv2D)              (None, 56, 56, 96)        34944     ")]
    [InlineData("alexnet", "max_pooling2d_1 (MaxPooling2 (None, 14, 14, 256)       0         ")]
    [InlineData("alexnet", "conv2d_3 (Conv2D)            (None, 14, 14, 384)       1327488   ")]
    [InlineData("alexnet", "conv2d_4 (Conv2D)            (None, 5, 5, 256)         884992    ")]
    [InlineData("vgg16", "block1_conv1 (Conv2D)        (None, 224, 224, 64)      1792      ")]
    [InlineData("vgg16", "block2_conv2 (Conv2D)        (None, 112, 112, 128)     147584    ")]
    [InlineData("vgg16", "block5_pool (MaxPooling2D)   (None, 7, 7, 512)         0         ")]
    [InlineData("vgg16", "fc1 (Dense)                  (None, 4096)              102764544 ")]
    public void RowsSitAtKerasColumns(string model, string row) =>
        Assert.Contains(row, ModelZoo.Get(model).Build().Summary().Split('\n'));

    [Fact]
    public void AGraphPrintsAsAKeras2FunctionalTableWithConnections()
    {
        // Seed 003's identity residual (In [6]); its printed rows sit at these same columns.
        var inputs = Net.Input(32, 32, 3);
        var main = inputs
            .Conv(3, 3, pad: Padding.Same, activation: Activation.Relu)
            .Conv(3, 3, pad: Padding.Same, activation: Activation.Relu)
            .Conv(3, 3, pad: Padding.Same, activation: Activation.Relu);
        var net = Net.Add(main, inputs)
            .Flatten()
            .Dense(128, activation: Activation.Relu)
            .Dense(10, activation: Activation.Softmax)
            .ToNetwork("model");
        string[] expected =
        [
            "Model: \"model\"",
            "__________________________________________________________________________________________________",
            "Layer (type)                    Output Shape         Param #     Connected to                     ",
            "==================================================================================================",
            "input_1 (InputLayer)            [(None, 32, 32, 3)]  0                                            ",
            "__________________________________________________________________________________________________",
            "conv2d (Conv2D)                 (None, 32, 32, 3)    84          input_1[0][0]                    ",
            "__________________________________________________________________________________________________",
            "conv2d_1 (Conv2D)               (None, 32, 32, 3)    84          conv2d[0][0]                     ",
            "__________________________________________________________________________________________________",
            "conv2d_2 (Conv2D)               (None, 32, 32, 3)    84          conv2d_1[0][0]                   ",
            "__________________________________________________________________________________________________",
            "add (Add)                       (None, 32, 32, 3)    0           conv2d_2[0][0]                   ",
            "                                                                 input_1[0][0]                    ",
            "__________________________________________________________________________________________________",
            "flatten (Flatten)               (None, 3072)         0           add[0][0]                        ",
            "__________________________________________________________________________________________________",
            "dense (Dense)                   (None, 128)          393344      flatten[0][0]                    ",
            "__________________________________________________________________________________________________",
            "dense_1 (Dense)                 (None, 10)           1290        dense[0][0]                      ",
            "==================================================================================================",
            "Total params: 394,886 (1.51 MB)",
            "Trainable params: 394,886 (1.51 MB)",
            "Non-trainable params: 0 (0.00 B)",
            "Total MACs: 643,328",
            "Activation memory per example: 72.54 KB",
            "__________________________________________________________________________________________________",
            "",
        ];

        Assert.Equal(string.Join("\n", expected), net.Summary());
    }

    [Fact]
    public void DepthOneFoldsEachBlockIntoOneRowWithItsTotals()
    {
        var net = Net.Input(32, 32, 16)
            .Conv(16, 3, pad: Padding.Same)
            .Residual(b => b.Conv(32, 3, s: 2, pad: Padding.Same).BatchNorm(), name: "block1")
            .Residual(b => b.Conv(32, 3, pad: Padding.Same).BatchNorm())
            .GlobalAvgPool()
            .Dense(10)
            .ToNetwork("res");

        var rows = net.Summary(1).Split('\n');

        Assert.Contains("block1 (Block)                  (None, 16, 16, 32)   5440        conv2d[0][0]                     ", rows);
        Assert.Contains("residual (Block)                (None, 16, 16, 32)   9376        block1[0][0]                     ", rows);
        Assert.Contains("global_average_pooling2d (Globa (None, 32)           0           residual[0][0]                   ", rows);
        Assert.DoesNotContain(rows, r => r.Contains('/', StringComparison.Ordinal));
        Assert.Contains("Total params: 17,466 (68.23 KB)", rows);
        Assert.Contains("Non-trainable params: 192 (768.00 B)", rows);
    }

    [Fact]
    public void AuxiliaryHeadsAddALineWithTheInferenceTotals()
    {
        var net = Net.Input(8, 8, 4)
            .Aux("aux", h => h.Flatten().Dense(10))
            .Conv(4, 3).BatchNorm().Flatten().Dense(10)
            .ToNetwork();

        Assert.Contains("Without auxiliary heads (aux): 1,614 params (8 non-trainable), 6,624 MACs\n", net.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyAPlainChainPrintsAsSequential()
    {
        var x = Net.Input(8, 8, 3);

        Assert.StartsWith("Model: \"model\"\n" + new string('_', 65) + "\n", Analysis(x.Conv(4, 3).Flatten().Dense(2)).ToTable(), StringComparison.Ordinal);
        Assert.True(FluentNets.Summary.SummaryTable.IsChain(Analysis(x.Conv(4, 3))));
        Assert.False(FluentNets.Summary.SummaryTable.IsChain(Analysis(Net.Add(x, x.Conv(3, 1)))));
        Assert.False(FluentNets.Summary.SummaryTable.IsChain(Analysis(x.Aux("aux", h => h.Flatten()).Conv(4, 1))));
    }

    [Theory]
    [InlineData(0, "0.00 B")]
    [InlineData(1023, "1023.00 B")]
    [InlineData(1024, "1.00 KB")]
    [InlineData(246_824, "241.04 KB")]
    [InlineData(553_430_176, "527.79 MB")]
    [InlineData(5_368_709_120, "5.00 GB")]
    public void SizesArePrintedLikeKeras3(long bytes, string expected) =>
        Assert.Equal(expected, FluentNets.Summary.SummaryTable.Size(bytes));

    [Fact]
    public void MarkdownHasMacsAndConnections()
    {
        var markdown = Analysis(Net.Input(28, 28, 1).Conv(6, 5).Flatten().Dense(10)).ToMarkdown();

        Assert.StartsWith("### model\n\n| Layer (type) | Output Shape | Param # | MACs | Connected to |\n|---|---|---:|---:|---|\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| conv2d (Conv2D) | (None, 24, 24, 6) | 156 | 86,400 | input_1 |\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- Total params: 34,726 (135.65 KB)\n", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void DepthIsZeroOrOne(int depth) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelZoo.Get("lenet5").Build().Summary(depth));

    private static FluentNets.Analysis.NetworkAnalysis Analysis<T>(Net<T> x)
        where T : Layout => x.ToNetwork().Analysis;

    [Fact]
    public void TheSummaryFunctionsRejectANullAnalysis()
    {
        Assert.Equal("analysis", Assert.Throws<ArgumentNullException>(() => FluentNets.Summary.SummaryTable.Render(null!)).ParamName);
        Assert.Equal("analysis", Assert.Throws<ArgumentNullException>(() => FluentNets.Summary.SummaryTable.RenderMarkdown(null!)).ParamName);
        Assert.Equal("analysis", Assert.Throws<ArgumentNullException>(() => FluentNets.Summary.SummaryTable.IsChain(null!)).ParamName);
    }

    [Fact]
    public void AChainEndingInAnAuxiliaryHeadIsAGraph()
    {
        var x = Net.Input(8, 8, 3).Conv(4, 3);

        Assert.False(FluentNets.Summary.SummaryTable.IsChain(Analysis(x.Aux("aux", h => h.Flatten()))));
    }

    [Theory]
    [InlineData(1_099_511_627_776, "1.00 TB")]
    [InlineData(1_125_899_906_842_624, "1024.00 TB")]
    public void TerabytesAreTheLargestUnit(long bytes, string expected) =>
        Assert.Equal(expected, FluentNets.Summary.SummaryTable.Size(bytes));

    [Fact]
    public void EveryAuxiliaryHeadIsNamedInTheInferenceLine()
    {
        var net = Net.Input(8, 8, 4)
            .Aux("left", h => h.Flatten())
            .Aux("right", h => h.Flatten())
            .Flatten()
            .ToNetwork();

        Assert.Contains("Without auxiliary heads (left, right): 0 params (0 non-trainable), 0 MACs\n", net.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownListsEveryInputAndLeavesALineBeforeTheTotals()
    {
        var x = Net.Input(8, 8, 3);

        var markdown = Analysis(Net.Add(x, x.Conv(3, 1, name: "c"))).ToMarkdown();

        Assert.Contains("| add (Add) | (None, 8, 8, 3) | 0 | 0 | input_1, c |\n\n- Total params: 12 (48.00 B)\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ABareInputIsAChain() =>
        Assert.True(FluentNets.Summary.SummaryTable.IsChain(Analysis(Net.Input(8, 8, 3))));

    [Fact]
    public void AParameterCountWiderThanItsColumnWidensTheTableInsteadOfBeingCut()
    {
        // Dense(2,000,000,000) on 1,000 features: (1,000 + 1) x 2e9 = 2,002,000,000,000 parameters,
        // 13 digits; Keras's 10-character column (one of them the separator) would print 200200000.
        string[] lines = Net.Input(1000).Dense(2_000_000_000).ToNetwork().Summary().Split('\n');

        Assert.Equal(new string('_', 69), lines[1]);
        Assert.Equal("Layer (type)                 Output Shape              Param #       ", lines[2]);
        Assert.Equal("dense (Dense)                (None, 2000000000)        2002000000000 ", lines[4]);
        Assert.Equal("Total params: 2,002,000,000,000 (7.28 TB)", lines[6]);
    }

    [Fact]
    public void AGraphsParameterColumnWidensAndItsConnectionsMoveRight()
    {
        var x = Net.Input(1000);
        string[] lines = Net.Concat(x.Dense(2_000_000_000), x).ToNetwork().Summary().Split('\n');

        Assert.Equal(new string('_', 100), lines[1]);
        Assert.Contains("dense (Dense)                   (None, 2000000000)   2002000000000 input_1[0][0]                    ", lines);
        Assert.Contains("concatenate (Concatenate)       (None, 2000001000)   0             dense[0][0]                      ", lines);
    }

    [Fact]
    public void ASummarySaysWhenOneExamplesActivationsExceedATensor()
    {
        // 100,000 x 100,000 x 3 = 30,000,000,000 elements, above .NET's largest array (2,147,483,591).
        string summary = Net.Input(100_000, 100_000, 3).Conv(1, 1).ToNetwork().Summary();

        Assert.Contains(
            "Too large to run: input_1 outputs 30,000,000,000 elements per example ((None, 100000, 100000, 3)), above the 2,147,483,591 one tensor can hold",
            summary.Split('\n'));
        Assert.DoesNotContain("Too large", Net.Input(28, 28, 1).Conv(1, 1).ToNetwork().Summary(), StringComparison.Ordinal);
    }
}
