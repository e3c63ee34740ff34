using FluentNets.Backends.Reference;

namespace FluentNets.Tests.Backends.Reference;

public class ActivationTests
{
    private static readonly float[] Input = [-2, -0.5f, 0, 1.5f];

    public static TheoryData<Precision, Activation, float[]> Functions => new()
    {
        { Precision.Float32, Activation.Relu, [0, 0, 0, 1.5f] },
        { Precision.Float64, Activation.Relu, [0, 0, 0, 1.5f] },
        { Precision.Float32, Activation.Sigmoid, [0.11920292f, 0.37754067f, 0.5f, 0.81757448f] },
        { Precision.Float64, Activation.Sigmoid, [0.11920292f, 0.37754067f, 0.5f, 0.81757448f] },
        { Precision.Float32, Activation.Tanh, [-0.96402758f, -0.46211716f, 0, 0.90514825f] },
        { Precision.Float64, Activation.Tanh, [-0.96402758f, -0.46211716f, 0, 0.90514825f] },
        { Precision.Float32, Activation.LeakyRelu, [-0.6f, -0.15f, 0, 1.5f] },
        { Precision.Float64, Activation.LeakyRelu, [-0.6f, -0.15f, 0, 1.5f] },
        { Precision.Float32, Activation.Silu, [-0.23840584f, -0.18877033f, 0, 1.22636171f] },
        { Precision.Float64, Activation.Silu, [-0.23840584f, -0.18877033f, 0, 1.22636171f] },
        { Precision.Float32, Activation.Softmax, [0.02174566f, 0.09745727f, 0.16067987f, 0.72011721f] },
        { Precision.Float64, Activation.Softmax, [0.02174566f, 0.09745727f, 0.16067987f, 0.72011721f] },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void ActivationLayersApplyTheirFunction(Precision precision, Activation function, float[] expected)
    {
        var net = Net.Input(4).Activate(function).Compile(precision);

        ReferenceHarness.Close(expected, net.Run(Input));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void ALeakyReluLayerUsesItsOwnSlope(Precision precision)
    {
        var net = Net.Input(4).LeakyRelu(alpha: 0.1).Compile(precision);

        ReferenceHarness.Close([-0.2f, -0.05f, 0, 1.5f], net.Run(Input));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void SoftmaxOfAnImageRunsOverTheChannelsAtEachPosition(Precision precision)
    {
        // A 1x2 image with channel planes [0 1] and [0 3]: position 0 sees (0, 0), position 1 sees (1, 3).
        var net = Net.Input(1, 2, 2).Softmax().Compile(precision);

        ReferenceHarness.Close([0.5f, 0.11920292f, 0.5f, 0.88079708f], net.Run([0, 1, 0, 3]));
    }
}
