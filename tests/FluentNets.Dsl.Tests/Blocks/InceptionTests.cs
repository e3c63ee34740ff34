namespace FluentNets.Dsl.Tests.Blocks;

public class InceptionTests
{
    [Theory]
    [InlineData(28, 192, 64, 96, 128, 16, 32, 32, 256, 163_696)]
    [InlineData(28, 256, 128, 128, 192, 32, 96, 64, 480, 388_736)]
    [InlineData(14, 480, 192, 96, 208, 16, 48, 64, 512, 376_176)]
    [InlineData(14, 512, 160, 112, 224, 24, 64, 64, 512, 449_160)]
    [InlineData(7, 832, 384, 192, 384, 48, 128, 128, 1024, 1_444_080)]
    public void GoogLeNetModules(int size, int channels, int c1, int r3, int c3, int r5, int c5, int pool, int outChannels, long parameters)
    {
        var y = Net.Input(size, size, channels).Inception(c1, (r3, c3), (r5, c5), pool);

        Assert.Equal(Shape.Image(size, size, outChannels), y.Shape);
        Assert.Equal(c1 + c3 + c5 + pool, y.Shape.Channels);
        Assert.Equal(parameters, y.ToNetwork().Analysis.Params.Total);
    }

    [Fact]
    public void TheFourBranchesAreNamedInsideTheBlock()
    {
        var y = Net.Input(28, 28, 192).Inception(64, (96, 128), (16, 32), 32, name: "inception_3a");

        Assert.Equal(
            ["input_1", "inception_3a/1x1", "inception_3a/3x3_reduce", "inception_3a/3x3", "inception_3a/5x5_reduce", "inception_3a/5x5", "inception_3a/pool", "inception_3a/pool_proj", "inception_3a/output"],
            y.ToNetwork().Nodes.Select(n => n.Name));
        Assert.Equal(["inception_3a/1x1", "inception_3a/3x3", "inception_3a/5x5", "inception_3a/pool_proj"], y.Node.Inputs.Select(n => n.Name));
    }

    [Fact]
    public void AFailedModuleLeavesItsNameFree()
    {
        var x = Net.Input(28, 28, 192);

        var error = Assert.Throws<NetBuildException>(() => x.Inception(64, (0, 128), (16, 32), 32));

        Assert.Equal("inception/3x3_reduce: filters must be positive. Received: filters=0.", error.Message);
        Assert.Equal("inception/output", x.Inception(64, (96, 128), (16, 32), 32).Name);
    }
}
