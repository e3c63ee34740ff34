using FluentNets.Analysis;
using FluentNets.Layers;

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

    [Theory]
    [InlineData(7, 7, 1280)]
    [InlineData(13, 9, 3)]
    public void KeepDimsGivesAOneByOneMap(int h, int w, int c)
    {
        // Keras's GlobalAveragePooling2D(keepdims=True), as in MobileNetV3's head and squeeze-and-excitation.
        var x = Net.Input(h, w, c);
        var avg = x.GlobalAvgPoolKeepDims().Node;
        var max = x.GlobalMaxPoolKeepDims().Node;

        Assert.Equal(Shape.Image(1, 1, c), avg.Shape);
        Assert.Equal(Shape.Image(1, 1, c), max.Shape);
        Assert.Equal(new GlobalPooling2D(PoolKind.Average, KeepDims: true), avg.Layer);
        Assert.Equal(new GlobalPooling2D(PoolKind.Max, KeepDims: true), max.Layer);
        Assert.Equal(("global_average_pooling2d", "GlobalAveragePooling2D"), (avg.Name, avg.Layer.KerasType));
        Assert.Equal(("global_max_pooling2d", "GlobalMaxPooling2D"), (max.Name, max.Layer.KerasType));
        Assert.Equal(ParamCount.Zero, avg.Params);
    }

    [Fact]
    public void WithoutKeepDimsTheSpecSaysSo() =>
        Assert.Equal(new GlobalPooling2D(PoolKind.Max), Net.Input(4, 4, 2).GlobalMaxPool().Node.Layer);

    [Fact]
    public void TheOneByOneMapSeesTheWholeInput()
    {
        // A 2x2 stride-2 pool on 8x10 leaves 4x5 (field 2, jump 2, centre 1); the global pool covers all of
        // it: rows 2 + 3 * 2 = 8 centred on 1 + 1.5 * 2 = 4, columns 2 + 4 * 2 = 10 centred on 1 + 2 * 2 = 5.
        var x = Net.Input(8, 10, 3).MaxPool(2).GlobalAvgPoolKeepDims();

        Assert.Equal(new ReceptiveField(new(8, 8, 4), new(10, 10, 5)), x.ToNetwork().Analysis[x.Name].ReceptiveField);
    }
}
