using FluentNets.Analysis;
using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class LayerScaleTests
{
    [Theory]
    [InlineData(96)]
    [InlineData(768)]
    public void OneTrainableFactorPerChannel(int channels)
    {
        var node = Net.Input(7, 7, channels).LayerScale().Node;

        Assert.Equal(new ParamCount(channels, 0), node.Params);
        Assert.Equal(Shape.Image(7, 7, channels), node.Shape);
        Assert.Equal(("layer_scale", "LayerScale"), (node.Name, node.Layer.KerasType));
    }

    [Fact]
    public void OnAnImageItIsTorchvisionsCByOneByOneParameterAndKerasGamma()
    {
        // torchvision's CNBlock: self.layer_scale = nn.Parameter(torch.ones(dim, 1, 1) * layer_scale);
        // Keras's ConvNeXt LayerScale: gamma of shape (dim,), initialised to init_values, saved unnamed.
        var node = Net.Input(56, 56, 96).LayerScale(1e-6, name: "layer_scale").Node;
        var weight = Assert.Single(node.Parameters);

        Assert.Equal("", weight.Role);
        Assert.Equal("features.1.0.layer_scale", weight.NameOn("features.1.0.layer_scale")); // torchvision's state-dict key
        Assert.Equal([96, 1, 1], weight.Shape);
        Assert.Equal(new Constant(1e-6), weight.Initializer);
        Assert.True(weight.Trainable);
        Assert.Equal("gamma", weight.Keras.Name);
        Assert.Equal([96], weight.Keras.Shape);
        Assert.Equal([0], weight.Keras.Permutation);
        // keras.applications' ConvNeXt adds the weight without a name: Keras 3 writes it as variable, variable_1, ...
        Assert.Equal(["variable"], weight.Keras.Aliases);
    }

    [Fact]
    public void OnAVectorTheParameterIsAVector()
    {
        var weight = Assert.Single(Net.Input(384).LayerScale(0.1).Node.Parameters);

        Assert.Equal([384], weight.Shape);
        Assert.Equal(new Constant(0.1), weight.Initializer);
    }

    [Fact]
    public void ConvNeXtsOneInAMillionIsTheDefault() =>
        Assert.Equal(new LayerScale(1e-6), Net.Input(4, 4, 8).LayerScale().Node.Layer);

    [Fact]
    public void TheReceptiveFieldIsTheInputs()
    {
        var x = Net.Input(16, 16, 8).DepthwiseConv(7, pad: Padding.Same).LayerScale();

        Assert.Equal(new ReceptiveField(new(7, 1, 0.5), new(7, 1, 0.5)), x.ToNetwork().Analysis[x.Name].ReceptiveField);
    }
}
