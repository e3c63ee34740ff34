using FluentNets.Analysis;
using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class LayerNormalizationTests
{
    [Theory]
    [InlineData(96, true, true, 192)] // ConvNeXt-T's stem norm: gamma and beta over 96 channels
    [InlineData(768, true, true, 1536)]
    [InlineData(64, true, false, 64)]
    [InlineData(64, false, true, 64)]
    [InlineData(64, false, false, 0)]
    public void GammaAndBetaAreCTrainableValuesEach(int channels, bool center, bool scale, long expected)
    {
        var node = Net.Input(56, 56, channels).LayerNorm(center: center, scale: scale).Node;

        Assert.Equal(new ParamCount(expected, 0), node.Params);
        Assert.Equal(Shape.Image(56, 56, channels), node.Shape);
        Assert.Equal(0, node.Macs);
    }

    [Fact]
    public void TheWeightsAreKerasGammaThenBetaAndPyTorchWeightAndBias()
    {
        var parameters = Net.Input(768).LayerNorm().Node.Parameters;

        Assert.Equal([("weight", "gamma"), ("bias", "beta")], parameters.Select(p => (p.Role, p.Keras.Name)));
        Assert.All(parameters, p => Assert.Equal([768], p.Shape));
        Assert.All(parameters, p => Assert.Equal([768], p.Keras.Shape));
        Assert.All(parameters, p => Assert.True(p.Trainable));
        Assert.Equal([1.0, 0.0], parameters.Select(p => ((Constant)p.Initializer).Value));
    }

    [Theory]
    [InlineData(false, true, "weight")]
    [InlineData(true, false, "bias")]
    public void CenterAndScaleEachKeepOneWeight(bool center, bool scale, string kept) =>
        Assert.Equal([kept], Net.Input(8, 8, 16).LayerNorm(center: center, scale: scale).Node.Parameters.Select(p => p.Role));

    [Fact]
    public void KerasDefaultsAreKeptOnTheSpec()
    {
        var node = Net.Input(8).LayerNorm().Node;

        Assert.Equal(new LayerNormalization(1e-3, true, true), node.Layer);
        Assert.Equal(("layer_normalization", "LayerNormalization"), (node.Name, node.Layer.KerasType));
    }

    [Theory]
    [InlineData(0, "layer_normalization: epsilon must be positive. Received: epsilon=0.")]
    [InlineData(-1e-6, "layer_normalization: epsilon must be positive. Received: epsilon=-1E-06.")]
    public void EpsilonMustBePositive(double epsilon, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 4).LayerNorm(epsilon));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void PyTorchsEpsilonIsAccepted() =>
        Assert.Equal(new LayerNormalization(1e-6), Net.Input(8, 8, 4).LayerNorm(1e-6).Node.Layer);

    [Fact]
    public void TheReceptiveFieldIsTheInputs()
    {
        // ConvNeXt's stem: a 4x4 stride-4 patchify convolution, then LayerNorm: field 4, jump 4, centre 2.
        var x = Net.Input(32, 32, 3).Conv(96, 4, s: 4).LayerNorm();

        Assert.Equal(new ReceptiveField(new(4, 4, 2), new(4, 4, 2)), x.ToNetwork().Analysis[x.Name].ReceptiveField);
    }
}
