namespace FluentNets.Dsl.Tests.Graph;

public class BuildContextTests
{
    [Fact]
    public void TwentyThousandAutomaticNamesCostLinearMemory()
    {
        // Proposing each automatic name by walking dense, dense_1, ... from the start formats
        // n^2/2 = 200 million candidate strings for 20,000 layers (9.2 GB allocated). Linear naming
        // allocates a few hundred bytes per layer; 64 MB is a hundred times that and far below quadratic.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var x = Net.Input(1);
        for (int i = 0; i < 20_000; i++)
        {
            x = x.Dense(1);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("dense_19999", x.Name);
        Assert.InRange(allocated, 0, 64L << 20);
    }

    [Fact]
    public void TenThousandBranchesConcatenateWithLinearMemory()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var x = Net.Input(2, 2, 1);
        var merged = Net.Concat(Enumerable.Range(0, 10_000).Select(_ => x.Conv(1, 1)).ToArray());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Shape.Image(2, 2, 10_000), merged.Shape);
        Assert.Equal("conv2d_9999", merged.Node.Inputs[^1].Name);
        Assert.InRange(allocated, 0, 64L << 20);
    }

    [Fact]
    public void NamesABlockReleasedWhenItFailedAreTheFirstFreeAgain()
    {
        var x = Net.Input(4);
        Assert.Throws<NetBuildException>(() => x.Block("b", y => y.Dense(3).Dense(3).Dense(0)));

        var retried = x.Block("b", y => y.Dense(3));

        Assert.Equal("b/dense", retried.Name);
    }

    [Fact]
    public void AnAutomaticNameSkipsOneTheUserTook()
    {
        var x = Net.Input(4).Dense(3).Dense(3, name: "dense_1").Dense(3);

        Assert.Equal(["input_1", "dense", "dense_1", "dense_2"], x.ToNetwork().Nodes.Select(n => n.Name));
    }
}
