namespace FluentNets.Dsl.Tests.Layers;

public class GlobalPooling2DTests
{
    [Theory]
    [InlineData(7, 7, 512, "512")]
    [InlineData(1, 1, 1024, "1024")]
    [InlineData(13, 9, 3, "3")]
    public void GlobalPoolingGivesAChannelVector(int h, int w, int c, string expected)
    {
        var x = Net.Input(h, w, c);

        Assert.Equal(expected, x.GlobalAvgPool().Shape.ToString());
        Assert.Equal(expected, x.GlobalMaxPool().Shape.ToString());
    }

    [Fact]
    public void GlobalPoolingIsNamedLikeKerasAndHasNoParams()
    {
        var x = Net.Input(7, 7, 512);
        var avg = x.GlobalAvgPool().Node;
        var max = x.GlobalMaxPool().Node;

        Assert.Equal(("global_average_pooling2d", "GlobalAveragePooling2D"), (avg.Name, avg.Layer.KerasType));
        Assert.Equal(("global_max_pooling2d", "GlobalMaxPooling2D"), (max.Name, max.Layer.KerasType));
        Assert.Equal((0L, 0L), (avg.Params.Total, avg.Macs));
    }
}
