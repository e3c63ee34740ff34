using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class CommonLayersTests
{
    [Theory]
    [InlineData(Activation.LeakyRelu, 0.3)]
    [InlineData(Activation.Relu, 0.0)]
    [InlineData(Activation.Softmax, 0.0)]
    public void ActivateGivesLeakyReluKerasDefaultSlope(Activation function, double alpha) =>
        Assert.Equal(new ActivationLayer(function, alpha), Net.Input(10).Activate(function).Node.Layer);
}
