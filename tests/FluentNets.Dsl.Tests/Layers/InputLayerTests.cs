using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class InputLayerTests
{
    [Fact]
    public void AnInputIsTypedAndPrefixedAsKerasDoes()
    {
        var layer = new InputLayer(Shape.Image(28, 28, 1));

        Assert.Equal(("InputLayer", "input"), (layer.KerasType, layer.NamePrefix));
        Assert.Equal(Shape.Image(28, 28, 1), Net.Input(28, 28, 1).Node.Shape);
    }
}
