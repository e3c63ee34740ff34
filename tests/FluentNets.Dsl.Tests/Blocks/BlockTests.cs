namespace FluentNets.Dsl.Tests.Blocks;

public class BlockTests
{
    [Fact]
    public void LayersInABlockAreNamedBlockSlashLayer()
    {
        var x = Net.Input(32, 32, 3).Conv(8, 3);

        var y = x.Block("b", b => b.Conv(8, 3).Conv(8, 3)).Conv(8, 3);

        Assert.Equal(
            ["input_1", "conv2d", "b/conv2d", "b/conv2d_1", "conv2d_1"],
            y.ToNetwork().Nodes.Select(n => n.Name));
        Assert.Equal("b", y.Node.Inputs[0].Scope);
        Assert.Equal("", y.Node.Scope);
    }

    [Fact]
    public void BlocksNest()
    {
        var y = Net.Input(8, 8, 3).Block("outer", o => o.Conv(4, 1).Block("inner", i => i.Conv(4, 1)));

        Assert.Equal("outer/inner/conv2d", y.Name);
        Assert.Equal("outer/inner", y.Node.Scope);
    }

    [Theory]
    [InlineData("b", "b: the name is already used by another layer or block of this network.")]
    [InlineData("conv2d", "conv2d: the name is already used by another layer or block of this network.")]
    [InlineData("", ": a block name must be non-empty and contain no '/'. Received: name=\"\".")]
    [InlineData("a/b", "a/b: a block name must be non-empty and contain no '/'. Received: name=\"a/b\".")]
    public void ABlockNeedsAFreeValidName(string name, string message)
    {
        var x = Net.Input(8, 8, 3).Conv(4, 1).Block("b", b => b.Conv(4, 1));

        var error = Assert.Throws<NetBuildException>(() => x.Block(name, b => b.Conv(4, 1)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void AFailedBlockReleasesEveryNameItTook()
    {
        var x = Net.Input(8, 8, 3);

        var error = Assert.Throws<NetBuildException>(() => x.Block("b", b => b.Conv(4, 3).Conv(4, 9)));
        var y = x.Block("b", b => b.Conv(4, 3));

        Assert.Equal("b/conv2d_1: kernel 9x9 does not fit input 6x6x4 with valid padding: (6 - 9 + 0)/1 + 1 = -2. Use pad: Padding.Same or a smaller kernel.", error.Message);
        Assert.Equal("b/conv2d", y.Name);
    }

    [Fact]
    public void AutoBlocksTakeTheNextFreeName()
    {
        var x = Net.Input(8, 8, 16);

        var a = x.SqueezeExcite(ratio: 4);
        var b = a.SqueezeExcite(ratio: 4);
        var c = b.SqueezeExcite(ratio: 4, name: "se_last");

        Assert.Equal(("se/scale", "se_1/scale", "se_last/scale"), (a.Name, b.Name, c.Name));
    }

    [Fact]
    public void RepeatAppliesABlockNTimesWithItsIndex()
    {
        var y = Net.Input(8, 8, 3).Repeat(3, (x, i) => x.Conv(4 * (i + 1), 3, pad: Padding.Same, name: $"c{i}"));

        Assert.Equal(["input_1", "c0", "c1", "c2"], y.ToNetwork().Nodes.Select(n => n.Name));
        Assert.Equal(12, y.Shape.Channels);
    }

    [Fact]
    public void RepeatZeroTimesIsTheHandleItself()
    {
        var x = Net.Input(8, 8, 3);

        Assert.Same(x, x.Repeat(0, (y, _) => y.Conv(4, 3)));
    }

    [Fact]
    public void RepeatRejectsANegativeCount()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3).Repeat(-1, (y, _) => y));

        Assert.Equal("input_1: Repeat needs a count of at least 0. Received: n=-1.", error.Message);
    }

    [Fact]
    public void BranchesAreConcatenated()
    {
        var y = Net.Input(28, 28, 192).Branches(
            b => b.Conv(64, 1),
            b => b.Conv(96, 1).Conv(128, 3, pad: Padding.Same),
            b => b.MaxPool(3, s: 1, pad: Padding.Same));

        Assert.Equal(Shape.Image(28, 28, 64 + 128 + 192), y.Shape);
        Assert.Equal("Concatenate", y.Node.Layer.KerasType);
    }

    [Fact]
    public void AnAuxiliaryHeadCountsForTrainingButNotForInference()
    {
        // GoogLeNet's first auxiliary classifier as seed 000 writes it, on inception 4b's 14x14x512 output.
        var x = Net.Input(14, 14, 512);

        var y = x.Aux("aux1", h => h
            .AvgPool(5, s: 3)
            .Conv(128, 1, pad: Padding.Same, activation: Activation.Relu)
            .Flatten()
            .Dense(1024, activation: Activation.Relu)
            .Dropout(0.7)
            .Dense(1000, activation: Activation.Softmax));
        var net = y.GlobalAvgPool().Dense(1000).ToNetwork();

        Assert.Same(x.Node, y.Node);
        Assert.Equal(3_188_840, net.Analysis.Params.Total - net.Analysis.InferenceParams.Total);
        Assert.Equal(513_000, net.Analysis.InferenceParams.Total);
        Assert.Equal("aux1/dense_1", net.Analysis["aux1/dense_1"].Name);
        Assert.Equal(Shape.Image(4, 4, 512), net.Analysis["aux1/average_pooling2d"].Shape);
        Assert.False(net.Analysis["aux1/conv2d"].InInference);
        Assert.True(net.Analysis["dense"].InInference);
    }

    [Theory]
    [InlineData(-1.0, "aux: lossWeight must not be negative. Received: lossWeight=-1.")]
    [InlineData(double.NaN, "aux: lossWeight must not be negative. Received: lossWeight=NaN.")]
    public void AnAuxiliaryLossWeightMustNotBeNegative(double weight, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3).Aux("aux", h => h.Flatten(), lossWeight: weight));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void AuxiliaryHeadsTravelThroughMerges()
    {
        var x = Net.Input(8, 8, 3);
        var a = x.Conv(4, 1).Aux("left", h => h.Flatten());
        var b = x.Conv(4, 1).Aux("right", h => h.Flatten());

        var net = Net.Concat(a, b).ToNetwork();

        Assert.Equal(["left", "right"], net.Auxiliary.Select(h => h.Name));
    }

    [Fact]
    public void TheBlockFunctionsRejectNullArguments()
    {
        var x = Net.Input(8, 8, 3);

        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => BlockExtensions.Block<Image, Image>(null!, "b", b => b)).ParamName);
        Assert.Equal("body", Assert.Throws<ArgumentNullException>(() => x.Block<Image, Image>("b", null!)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => BlockExtensions.AutoBlock<Image, Image>(null!, "b", null, b => b)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => BlockExtensions.Repeat<Image>(null!, 1, (y, _) => y)).ParamName);
        Assert.Equal("block", Assert.Throws<ArgumentNullException>(() => x.Repeat(1, null!)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => BlockExtensions.Branches(null!, b => b)).ParamName);
        Assert.Equal("branches", Assert.Throws<ArgumentNullException>(() => x.Branches(null!)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => BlockExtensions.Aux<Image, Vector>(null!, "aux", h => h.Flatten())).ParamName);
    }

    [Fact]
    public void ABlocksNameStaysTakenWhenItsBodyAddsNoLayer()
    {
        var x = Net.Input(8, 8, 3).Block("b", b => b);

        Assert.Equal(
            "b: the name is already used by another layer or block of this network.",
            Assert.Throws<NetBuildException>(() => x.Conv(4, 1, name: "b")).Message);
        Assert.Equal(
            "b: the name is already used by another layer or block of this network.",
            Assert.Throws<NetBuildException>(() => x.Block("b", b => b.Conv(4, 1))).Message);
    }

    [Fact]
    public void AFailedBlockKeepsTheNamesTakenBeforeIt()
    {
        var x = Net.Input(8, 8, 3).Conv(4, 1);

        Assert.Throws<NetBuildException>(() => x.Block("b", b => b.Conv(4, 9)));
        var y = x.Conv(4, 1);

        Assert.Equal(["input_1", "conv2d", "conv2d_1"], y.ToNetwork().Nodes.Select(n => n.Name));
    }

    [Fact]
    public void AutomaticBlocksInsideABlockAreNamedInItsScope()
    {
        var y = Net.Input(8, 8, 4).Block("stage", s => s.SqueezeExcite(ratio: 2).SqueezeExcite(ratio: 2));

        Assert.Equal("stage/se_1/scale", y.Name);
        Assert.Contains(y.ToNetwork().Nodes, n => n.Name == "stage/se/squeeze");
    }

    [Fact]
    public void AZeroLossWeightKeepsTheHeadForTrainingOnly()
    {
        var net = Net.Input(8, 8, 3).Aux("aux", h => h.Flatten(), lossWeight: 0).Flatten().ToNetwork();

        Assert.Equal(0, Assert.Single(net.Auxiliary).LossWeight);
    }

    [Fact]
    public void AHeadsOwnHeadsAreCarriedOnceEach()
    {
        var x = Net.Input(8, 8, 3).Aux("first", h => h.Flatten());

        var y = x.Aux("outer", h => h.Conv(2, 1).Aux("inner", i => i.Flatten()).Flatten());

        Assert.Equal(["first", "outer/inner", "outer"], y.Auxiliary.Select(a => a.Name));
    }

    [Fact]
    public void AuxRejectsANullHandleBeforeLookingAtTheLossWeight() =>
        Assert.Equal(
            "x",
            Assert.Throws<ArgumentNullException>(() => BlockExtensions.Aux<Image, Vector>(null!, "aux", h => h.Flatten(), lossWeight: -1)).ParamName);
}
