using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class FlattenTests
{
    [Theory]
    [InlineData(5, 5, 16, 400)]
    [InlineData(7, 7, 512, 25088)]
    [InlineData(3, 3, 256, 2304)]
    [InlineData(1, 1, 1024, 1024)]
    public void FlattenGivesHTimesWTimesCFeatures(int h, int w, int c, int features)
    {
        var flatten = Net.Input(h, w, c).Flatten().Node;

        Assert.Equal(Shape.Vector(features), flatten.Shape);
        Assert.Equal(("flatten", "Flatten", 0L), (flatten.Name, flatten.Layer.KerasType, flatten.Params.Total));
    }

    [Fact]
    public void MoreFeaturesThanAnIntCanCountIsRejected()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(65536, 65536, 1).Flatten());

        Assert.Equal("flatten: flattening 65536x65536x1 gives 4,294,967,296 features, more than 2,147,483,647.", error.Message);
    }

    [Fact]
    public void FlatteningToExactlyIntMaxValueFeaturesIsAllowed() =>
        Assert.Equal(Shape.Vector(int.MaxValue), Net.Input(int.MaxValue, 1, 1).Flatten().Shape);

    [Fact]
    public void TheOrderIsKerassUnlessPyTorchsIsAskedFor()
    {
        var x = Net.Input(7, 7, 512);

        Assert.Equal(new Flatten(FlattenOrder.HeightWidthChannels), x.Flatten().Node.Layer);
        var chw = x.Flatten(order: FlattenOrder.ChannelsHeightWidth).Node;
        Assert.Equal(new Flatten(FlattenOrder.ChannelsHeightWidth), chw.Layer);
        Assert.Equal(Shape.Vector(25088), chw.Shape);
    }

    [Fact]
    public void AnUndefinedOrderIsRejected()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(2, 2, 1).Flatten(order: (FlattenOrder)7));

        Assert.Equal("flatten: order must be a FlattenOrder. Received: order=7.", error.Message);
    }
}
