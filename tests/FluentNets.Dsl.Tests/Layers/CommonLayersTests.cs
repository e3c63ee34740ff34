using FluentNets.Activations;
using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class CommonLayersTests
{
    public static TheoryData<Activation, Activation> Resolved => new()
    {
        { Activation.LeakyRelu, new LeakyRelu(0.3) },
        { Activation.Relu, Activation.Relu },
        { Activation.Softmax, Activation.Softmax },
    };

    [Theory]
    [MemberData(nameof(Resolved))]
    public void ActivateGivesLeakyReluKerasDefaultSlope(Activation function, Activation applied) =>
        Assert.Equal(new ActivationLayer(applied), Net.Input(10).Activate(function).Node.Layer);
}
