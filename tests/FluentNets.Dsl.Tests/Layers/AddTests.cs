namespace FluentNets.Dsl.Tests.Layers;

public class AddTests
{
    [Fact]
    public void AddKeepsTheCommonShape()
    {
        var x = Net.Input(56, 56, 64);

        var sum = Net.Add(x, x.Conv(64, 3, pad: Padding.Same));

        Assert.Equal(x.Shape, sum.Shape);
        Assert.Equal(("add", "Add", 0L, 0L), (sum.Name, sum.Node.Layer.KerasType, sum.Node.Params.Total, sum.Node.Macs));
    }

    [Fact]
    public void MismatchedShapesAreRejectedWithEveryInput()
    {
        var x = Net.Input(32, 32, 3);
        var a = x.Conv(8, 3, pad: Padding.Same);

        var error = Assert.Throws<NetBuildException>(() => Net.Add(a, x.Conv(9, 1), x.Conv(8, 1)));

        Assert.Equal("add: Add needs inputs of one shape; received conv2d (32x32x8), conv2d_1 (32x32x9), conv2d_2 (32x32x8).", error.Message);
    }

    [Fact]
    public void AddWorksOnVectors()
    {
        var x = Net.Input(10);

        var sum = Net.Add("sum", x, x.Dense(10));

        Assert.Equal((Shape.Vector(10), "sum"), (sum.Shape, sum.Name));
    }
}
