using FluentNets.Analysis;
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

    [Theory]
    [InlineData(6.0, 0.0, 0.0)]
    [InlineData(null, 0.1, 0.0)]
    [InlineData(null, 0.0, 0.5)]
    public void AReluWithAnArgumentIsKerasReluLayer(double? maxValue, double negativeSlope, double threshold)
    {
        // Keras writes ReLU6 and its kin as the ReLU layer class, whose automatic names start re_lu.
        var node = Net.Input(8, 8, 3).Relu(maxValue: maxValue, negativeSlope: negativeSlope, threshold: threshold).Node;

        Assert.Equal(new ActivationLayer(new Relu(maxValue, negativeSlope, threshold), "ReLU"), node.Layer);
        Assert.Equal(("re_lu", "ReLU"), (node.Name, node.Layer.KerasType));
        Assert.Equal(Shape.Image(8, 8, 3), node.Shape);
    }

    [Fact]
    public void APlainReluIsKerasActivationRelu() =>
        Assert.Equal(new ActivationLayer(Activation.Relu), Net.Input(4).Relu().Node.Layer);

    [Theory]
    [InlineData(-1.0, 0.0, 0.0, "re_lu: max_value of a ReLU cannot be negative. Received: max_value=-1.")]
    [InlineData(null, -0.1, 0.0, "re_lu: negative_slope of a ReLU cannot be negative. Received: negative_slope=-0.1.")]
    [InlineData(null, 0.0, -1.0, "re_lu: threshold of a ReLU cannot be negative. Received: threshold=-1.")]
    [InlineData(1.0, 0.0, 2.0, "re_lu: max_value of a ReLU must not be below its threshold. Received: max_value=1, threshold=2.")]
    public void KerasReluArgumentsAreCheckedAtTheCall(double? maxValue, double negativeSlope, double threshold, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8).Relu(maxValue: maxValue, negativeSlope: negativeSlope, threshold: threshold));

        Assert.Equal(message, error.Message);
        Assert.Equal("re_lu", error.Layer);
    }

    public static TheoryData<Func<Net<Vector>, Net<Vector>>, Activation> Shorthands => new()
    {
        { x => x.Sigmoid(), Activation.Sigmoid },
        { x => x.Tanh(), Activation.Tanh },
        { x => x.Softmax(), Activation.Softmax },
        { x => x.Silu(), Activation.Silu },
        { x => x.Gelu(), Activation.Gelu },
        { x => x.Gelu(approximate: true), new Gelu(Approximate: true) },
        { x => x.HardSigmoid(), Activation.HardSigmoid },
        { x => x.HardSwish(), Activation.HardSwish },
    };

    [Theory]
    [MemberData(nameof(Shorthands))]
    public void EachShorthandIsKerasActivationLayerOfItsFunction(Func<Net<Vector>, Net<Vector>> apply, Activation function)
    {
        var node = apply(Net.Input(10)).Node;

        Assert.Equal(new ActivationLayer(function), node.Layer);
        Assert.Equal(("activation", "Activation"), (node.Name, node.Layer.KerasType));
    }

    [Fact]
    public void ShorthandsTakeAName()
    {
        var x = Net.Input(10);

        Assert.Equal(
            ["a", "b", "c", "d", "e", "f", "g", "h"],
            new[] { x.Sigmoid("a"), x.Tanh("b"), x.Softmax("c"), x.Silu("d"), x.Gelu(name: "e"), x.HardSigmoid("f"), x.HardSwish("g"), x.LeakyRelu(name: "h") }
                .Select(y => y.Name));
    }

    [Fact]
    public void LeakyReluKeepsAGivenSlope() =>
        Assert.Equal(new ActivationLayer(new LeakyRelu(0.2)), Net.Input(10).LeakyRelu(0.2).Node.Layer);

    [Fact]
    public void AnEluWithAnotherAlphaIsKerasEluLayer()
    {
        var node = Net.Input(10).Activate(new Elu(0.5)).Node;

        Assert.Equal(("elu", "ELU"), (node.Name, node.Layer.KerasType));
    }

    [Fact]
    public void AnActivationsOwnArgumentsAreChecked()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(10).Activate(new Elu(-1)));

        Assert.Equal("elu: alpha of an ELU must not be negative. Received: alpha=-1.", error.Message);
    }

    [Fact]
    public void ANullFunctionIsRefusedLikeNone()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(10).Apply<Vector>(new ActivationLayer(null!, "Activation"), null));

        Assert.Equal("activation: an activation layer needs a function other than None.", error.Message);
    }

    [Fact]
    public void AGivenKerasClassNamesTheLayer()
    {
        var layer = new ActivationLayer(Activation.Relu, "ReLU");

        Assert.Equal(("ReLU", "re_lu"), (layer.KerasType, layer.NamePrefix));
    }

    [Fact]
    public void TheReceptiveFieldIsTheInputs()
    {
        var x = Net.Input(17, 17, 3).Conv(8, 5, s: 2).Relu(maxValue: 6);

        Assert.Equal(new ReceptiveField(new(5, 2, 2.5), new(5, 2, 2.5)), x.ToNetwork().Analysis[x.Name].ReceptiveField);
    }
}
