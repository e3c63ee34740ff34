using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class DenseTests
{
    [Theory]
    [InlineData(400, 120, true, 48120)]
    [InlineData(120, 84, true, 10164)]
    [InlineData(84, 10, true, 850)]
    [InlineData(25088, 4096, true, 102764544)]
    [InlineData(4096, 4096, true, 16781312)]
    [InlineData(4096, 1000, true, 4097000)]
    [InlineData(2304, 128, true, 295040)]
    [InlineData(2048, 1000, false, 2048000)]
    public void ParamsAreInputsTimesUnitsPlusBias(int features, int units, bool bias, long expected)
    {
        var dense = Net.Input(features).Dense(units, bias: bias).Node;

        Assert.Equal(new ParamCount(expected, 0), dense.Params);
        Assert.Equal(Shape.Vector(units), dense.Shape);
    }

    [Theory]
    [InlineData(1, 1, 1024, 1000, 1_025_000, 1_024_000)] // seed 000's GoogLeNet classifier on the 1x1x1024 map
    [InlineData(7, 5, 3, 4, 16, 7 * 5 * 3 * 4)]
    public void OnAnImageItActsOnTheChannelsAndStaysAnImage(int h, int w, int c, int units, long parameters, long macs)
    {
        var dense = Net.Input(h, w, c).Dense(units).Node;

        Assert.Equal(Shape.Image(h, w, units), dense.Shape);
        Assert.Equal(new ParamCount(parameters, 0), dense.Params);
        Assert.Equal(macs, dense.Macs);
    }

    [Theory]
    [InlineData(400, 120, 48000)]
    [InlineData(25088, 4096, 102760448)]
    public void MacsAreInputsTimesUnits(int features, int units, long expected) =>
        Assert.Equal(expected, Net.Input(features).Dense(units).Node.Macs);

    [Theory]
    [InlineData(0, 0, "dense_1: units must be positive. Received: units=0.")]
    [InlineData(-10, 0, "dense_1: units must be positive. Received: units=-10.")]
    [InlineData(10, -0.5, "dense_1: l2 must not be negative. Received: l2=-0.5.")]
    public void ArgumentsAreCheckedAtTheCall(int units, double l2, string message)
    {
        var x = Net.Input(784).Dense(128);

        var error = Assert.Throws<NetBuildException>(() => x.Dense(units, l2: l2));

        Assert.Equal(message, error.Message);
        Assert.Equal("dense_1", error.Layer);
    }

    [Fact]
    public void TheFusedActivationAndRegularisationAreKeptOnTheSpec()
    {
        var dense = Net.Input(2048).Dense(1024, activation: Activation.Relu, l2: 0.0002).Node;

        Assert.Equal(new Dense(1024, true, Activation.Relu, 0.0002), dense.Layer);
        Assert.Equal("Dense", dense.Layer.KerasType);
    }

    [Fact]
    public void TheKernelIsKerasInputsByUnitsAndPyTorchUnitsByInputs()
    {
        // Keras's Dense: kernel (in, units), bias (units,); PyTorch's nn.Linear: weight (out, in), bias (out).
        var parameters = Net.Input(2048).Dense(1000, l2: 1e-4).Node.Parameters;
        var (weight, bias) = (parameters[0], parameters[1]);

        Assert.Equal(2, parameters.Count);
        Assert.Equal(("weight", "kernel"), (weight.Role, weight.Keras.Name));
        Assert.Equal([1000, 2048], weight.Shape);
        Assert.Equal([2048, 1000], weight.Keras.Shape);
        Assert.Equal([1, 0], weight.Keras.Permutation);
        Assert.Equal(new GlorotUniform(2048, 1000), weight.Initializer);
        Assert.Equal(1e-4, weight.L2);
        Assert.Equal(("bias", "bias"), (bias.Role, bias.Keras.Name));
        Assert.Equal([1000], bias.Shape);
        Assert.Equal(Initializer.Zeros, bias.Initializer);
        Assert.Equal(0, bias.L2);
    }

    [Fact]
    public void OnAnImageTheKernelActsOnTheChannels()
    {
        var weight = Assert.Single(Net.Input(7, 7, 1024).Dense(10, bias: false).Node.Parameters);

        Assert.Equal([10, 1024], weight.Shape);
        Assert.Equal(new GlorotUniform(1024, 10), weight.Initializer);
    }

    [Fact]
    public void OnAnImageTheFusedActivationIsKeptToo() =>
        Assert.Equal(Activation.Softmax, ((Dense)Net.Input(1, 1, 1024).Dense(1000, activation: Activation.Softmax).Node.Layer).Activation);

    [Fact]
    public void AFusedActivationsArgumentsAreChecked()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(16).Dense(8, activation: new Activations.Relu(Threshold: -1)));

        Assert.Equal("dense: threshold of a ReLU cannot be negative. Received: threshold=-1.", error.Message);
    }

    [Fact]
    public void ANullActivationIsRefusedWithTheWayToSayNone()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(16).Apply<Vector>(new Dense(8, true, null!, 0), null));

        Assert.Equal("dense: an activation is needed; use Activation.None for none.", error.Message);
    }
}
