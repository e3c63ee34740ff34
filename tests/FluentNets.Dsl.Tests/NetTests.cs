namespace FluentNets.Dsl.Tests;

public class NetTests
{
    [Fact]
    public void AnImageInputIsTheFirstNode()
    {
        var x = Net.Input(28, 28, 1);

        Assert.Equal(Shape.Image(28, 28, 1), x.Shape);
        Assert.Equal("input_1", x.Name);
        Assert.Equal("InputLayer", x.Node.Layer.KerasType);
        Assert.Empty(x.Node.Inputs);
    }

    [Theory]
    [InlineData(0, 28, 1, "input_1: input sizes must be positive. Received: height=0, width=28, channels=1.")]
    [InlineData(28, -1, 1, "input_1: input sizes must be positive. Received: height=28, width=-1, channels=1.")]
    [InlineData(28, 28, 0, "input_1: input sizes must be positive. Received: height=28, width=28, channels=0.")]
    public void NonPositiveImageSizesAreRejected(int h, int w, int c, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(h, w, c));

        Assert.Equal(message, error.Message);
        Assert.Equal("input_1", error.Layer);
    }

    [Fact]
    public void ANonPositiveVectorLengthIsRejectedUnderTheInputsName()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(0, name: "features"));

        Assert.Equal("features: input sizes must be positive. Received: features=0.", error.Message);
    }

    [Theory]
    [InlineData("", "input: a layer name must be non-empty and contain no '/'. Received: name=\"\".")]
    [InlineData("images/rgb", "input: a layer name must be non-empty and contain no '/'. Received: name=\"images/rgb\".")]
    public void AnInputNameIsNonEmptyWithoutSlashes(string name, string message)
    {
        Assert.Equal(message, Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3, name: name)).Message);
        Assert.Equal(message, Assert.Throws<NetBuildException>(() => Net.Input(8, name: name)).Message);
    }

    [Fact]
    public void AFailedMergeLeavesItsNameFree()
    {
        var x = Net.Input(8, 8, 3);

        Assert.Throws<NetBuildException>(() => Net.Concat(x, x.MaxPool(2)));

        Assert.Equal("concatenate", Net.Concat(x, x.Conv(5, 1)).Name);
    }

    [Fact]
    public void BranchesOfDifferentNetworksCannotBeMerged()
    {
        var a = Net.Input(8, 8, 3);
        var b = Net.Input(8, 8, 3);

        Assert.Equal(
            "concatenate: the inputs come from different networks (different Net.Input calls).",
            Assert.Throws<NetBuildException>(() => Net.Concat(a, b)).Message);
        Assert.Equal(
            "add: the inputs come from different networks (different Net.Input calls).",
            Assert.Throws<NetBuildException>(() => Net.Add(a, b)).Message);
        Assert.Equal(
            "gate: the inputs come from different networks (different Net.Input calls).",
            Assert.Throws<NetBuildException>(() => Net.Multiply(a, Net.Input(3), name: "gate")).Message);
    }

    [Fact]
    public void AMergeNeedsAnInput()
    {
        var error = Assert.Throws<ArgumentException>(() => Net.Concat(Array.Empty<Net<Image>>()));

        Assert.Equal("Concatenate needs at least one non-null input. (Parameter 'inputs')", error.Message);
    }

    [Fact]
    public void StrictModeIsChosenAtTheInputAndCarriedToTheNetwork()
    {
        Assert.True(Net.Input(8, 8, 3, strict: true).Conv(4, 3).ToNetwork().Strict);
        Assert.False(Net.Input(8, 8, 3).Conv(4, 3).ToNetwork().Strict);
    }

    [Fact]
    public void MergesRejectANullListOrANullBranch()
    {
        var x = Net.Input(8, 8, 3);

        Assert.Equal("inputs", Assert.Throws<ArgumentNullException>(() => Net.Concat((Net<Image>[])null!)).ParamName);
        Assert.Equal(
            "Concatenate needs at least one non-null input. (Parameter 'inputs')",
            Assert.Throws<ArgumentException>(() => Net.Concat(x, null!)).Message);
        Assert.Equal("image", Assert.Throws<ArgumentNullException>(() => Net.Multiply(null!, x.GlobalAvgPool())).ParamName);
        Assert.Equal("scale", Assert.Throws<ArgumentNullException>(() => Net.Multiply(x, null!)).ParamName);
    }

    [Fact]
    public void AZeroWidthIsRejected()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(28, 0, 1));

        Assert.Equal("input_1: input sizes must be positive. Received: height=28, width=0, channels=1.", error.Message);
    }

    [Fact]
    public void AVectorInputIsNeverStrict() => Assert.False(Net.Input(10).Dense(2).ToNetwork().Strict);

    [Fact]
    public void ABadInputNameIsReportedOnTheInputLayer()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3, name: "a/b"));

        Assert.Equal("input", error.Layer);
        Assert.Equal("input: a layer name must be non-empty and contain no '/'. Received: name=\"a/b\".", error.Message);
    }

    [Fact]
    public void AChannelScaleKeepsTheAuxiliaryHeadsOfBothInputs()
    {
        var x = Net.Input(8, 8, 4).Aux("image_head", h => h.Flatten());
        var scale = x.GlobalAvgPool().Aux("scale_head", h => h.Dense(2)).Dense(4, activation: Activation.Sigmoid);

        var net = Net.Multiply(x, scale).ToNetwork();

        Assert.Equal(["image_head", "scale_head"], net.Auxiliary.Select(a => a.Name));
    }

    [Fact]
    public void AnInputIsAtTopLevel()
    {
        Assert.Equal("", Net.Input(28, 28, 1).Node.Scope);
        Assert.Equal("", Net.Input(784).Node.Scope);
    }
}
