namespace FluentNets.Dsl.Tests;

public class NetOfTTests
{
    [Fact]
    public void LayersGetKerasStyleAutomaticNames()
    {
        var net = Net.Input(32, 32, 1)
            .Conv(6, 5).MaxPool(2).Conv(16, 5).MaxPool(2)
            .Flatten().Dense(120).Dense(84).Dropout(0.5).Dense(10)
            .ToNetwork();

        Assert.Equal(
            ["input_1", "conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "flatten", "dense", "dense_1", "dropout", "dense_2"],
            net.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void UserNamesAreKeptAndAutomaticNamesSkipThem()
    {
        var x = Net.Input(32, 32, 3).Conv(8, 3, name: "conv2d_1").Conv(8, 3, name: "stem");

        var a = x.Conv(8, 3);
        var b = a.Conv(8, 3);

        Assert.Equal(("stem", "conv2d", "conv2d_2"), (x.Name, a.Name, b.Name));
    }

    [Fact]
    public void ReusingAHandleIsBranching()
    {
        var x = Net.Input(28, 28, 192);
        var before = x.Node;

        var b1 = x.Conv(64, 1);
        var b2 = x.Conv(96, 1).Conv(128, 3);

        Assert.Same(before, x.Node);
        Assert.Same(x.Node, Assert.Single(b1.Node.Inputs));
        Assert.Same(x.Node, Assert.Single(b2.Node.Inputs[0].Inputs));
        Assert.NotSame(b1.Node, b2.Node.Inputs[0]);
        Assert.Equal(("conv2d", "conv2d_1", "conv2d_2"), (b1.Name, b2.Node.Inputs[0].Name, b2.Name));
    }

    [Fact]
    public void TwoIdenticalCallsOnOneHandleGiveTwoNodes()
    {
        var x = Net.Input(8, 8, 3);

        var a = x.Conv(4, 3);
        var b = x.Conv(4, 3);

        Assert.NotSame(a.Node, b.Node);
        Assert.NotEqual(a.Node.Id, b.Node.Id);
        Assert.Same(a.Node.Inputs[0], b.Node.Inputs[0]);
    }

    [Fact]
    public void AfterAnExceptionTheHandleStillWorksAndTheNameIsFree()
    {
        var x = Net.Input(13, 13, 3).Conv(8, 5).Conv(16, 5);

        Assert.Throws<NetBuildException>(() => x.Conv(32, 7));
        Assert.Throws<NetBuildException>(() => x.Dropout(2));
        var next = x.Conv(32, 3).Dropout(0.1);

        Assert.Equal(Shape.Image(5, 5, 16), x.Shape);
        Assert.Equal("conv2d_2", next.Node.Inputs[0].Name);
        Assert.Equal("dropout", next.Name);
    }

    [Fact]
    public void AFailedUserNameIsFreeAgain()
    {
        var x = Net.Input(5, 5, 16);

        Assert.Throws<NetBuildException>(() => x.Conv(32, 7, name: "head"));

        Assert.Equal("head", x.Conv(32, 3, name: "head").Name);
    }

    [Theory]
    [InlineData("conv2d", "conv2d: the name is already used by another layer or block of this network.")]
    [InlineData("input_1", "input_1: the name is already used by another layer or block of this network.")]
    [InlineData("stem", "stem: the name is already used by another layer or block of this network.")]
    [InlineData("block", "block: the name is already used by another layer or block of this network.")]
    public void DuplicateNamesAreRejected(string name, string message)
    {
        var x = Net.Input(32, 32, 3).Conv(8, 3).Conv(8, 3, name: "stem").Block("block", b => b.Conv(8, 3));

        var error = Assert.Throws<NetBuildException>(() => x.Conv(8, 3, name: name));

        Assert.Equal(message, error.Message);
        Assert.Equal(name, error.Layer);
    }

    [Theory]
    [InlineData("", "conv2d: a layer name must be non-empty and contain no '/'. Received: name=\"\".")]
    [InlineData("a/b", "conv2d: a layer name must be non-empty and contain no '/'. Received: name=\"a/b\".")]
    public void ALayerNameIsNonEmptyWithoutSlashes(string name, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3).Conv(4, 3, name: name));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ThenAppliesABlock()
    {
        static Net<Vector> Head(Net<Image> x) => x.GlobalAvgPool().Dense(10);

        var y = Net.Input(7, 7, 64).Then(Head);

        Assert.Equal(Shape.Vector(10), y.Shape);
        Assert.Equal("dense", y.Name);
    }

    [Fact]
    public void ToStringShowsNameTypeAndShape() =>
        Assert.Equal("conv2d (Conv2D) -> 28x28x6", Net.Input(32, 32, 1).Conv(6, 5).ToString());

    [Fact]
    public void NodeIdsFollowCreationOrder()
    {
        var x = Net.Input(8, 8, 3);
        var a = x.Conv(4, 3);
        var b = x.MaxPool(2);
        var c = a.Conv(4, 3);

        Assert.Equal([0, 1, 2, 3], new[] { x, a, b, c }.Select(h => h.Node.Id));
    }

    [Fact]
    public void ThenRejectsANullBlock() =>
        Assert.Equal("block", Assert.Throws<ArgumentNullException>(() => Net.Input(8, 8, 3).Then<Net<Image>>(null!)).ParamName);
}
