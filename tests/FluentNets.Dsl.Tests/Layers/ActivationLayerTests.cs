using FluentNets.Activations;
using FluentNets.Layers;
using FluentNets.Summary;

namespace FluentNets.Dsl.Tests.Layers;

public class ActivationLayerTests
{
    [Fact]
    public void ActivationsKeepTheShapeAndAreNamedLikeKeras()
    {
        var x = Net.Input(8, 8, 3);

        var relu = x.Relu().Node;
        var leaky = x.LeakyRelu().Node;

        Assert.Equal(x.Shape, relu.Shape);
        Assert.Equal(("activation", "Activation"), (relu.Name, relu.Layer.KerasType));
        Assert.Equal(("leaky_re_lu", "LeakyReLU"), (leaky.Name, leaky.Layer.KerasType));
        Assert.Equal(new ActivationLayer(new LeakyRelu(0.3)), leaky.Layer);
    }

    public static TheoryData<Activation, string> Names => new()
    {
        { Activation.None, "linear" },
        { Activation.Relu, "relu" },
        { Activation.Sigmoid, "sigmoid" },
        { Activation.Tanh, "tanh" },
        { Activation.Softmax, "softmax" },
        { Activation.LeakyRelu, "leaky_relu" },
        { Activation.Silu, "silu" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void KerasNames(Activation activation, string expected) =>
        Assert.Equal(expected, activation.KerasName);

    [Fact]
    public void AnActivationLayerNeedsAFunction()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(10).Activate(Activation.None));

        Assert.Equal("activation: an activation layer needs a function other than None.", error.Message);
    }

    [Fact]
    public void IdentityIsKerasLinearActivationLayer()
    {
        // keras.applications' ConvNeXt: layers.Activation("linear", name=f"{name}_identity"), a row
        // "convnext_tiny_stage_0_block_0_identity (Activation)  (None, 7, 7, 96)  0" in Keras's summary.
        var x = Net.Input(7, 7, 96);

        var network = x.Identity(name: "convnext_tiny_stage_0_block_0_identity").Identity().ToNetwork();

        var row = SummaryRow.Of(network.Analysis, 0)[1];
        Assert.Equal(("convnext_tiny_stage_0_block_0_identity", "Activation", Shape.Image(7, 7, 96), new ParamCount(0, 0)), (row.Name, row.Type, row.Shape, row.Params));
        Assert.Equal("activation", network.Output.Name);
        Assert.Equal(0, network.Analysis.Params.Total);
    }

    [Fact]
    public void LeakyReluRejectsANegativeSlope()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(10).LeakyRelu(-0.1));

        Assert.Equal("leaky_re_lu: alpha must not be negative. Received: alpha=-0.1.", error.Message);
    }
}
