using FluentNets.Backends.Reference;

namespace FluentNets.Tests.Backends.Reference;

public class MergeTests
{
    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void ConcatenateStacksImageChannelsInArgumentOrder(Precision precision)
    {
        var x = Net.Input(1, 2, 1);
        var a = x.Conv(1, 1, bias: false, name: "a");
        var b = x.Conv(2, 1, bias: false, name: "b");
        var net = Net.Concat(b, a).Compile(precision).With(("a.weight", [10]), ("b.weight", [1, -1]));

        Assert.Equal([1, 2, -1, -2, 10, 20], net.Run([1, 2]));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void ConcatenateJoinsVectorsEndToEndPerExample(Precision precision)
    {
        var x = Net.Input(1);
        var net = Net.Concat(x.Dense(1, bias: false, name: "b"), x.Dense(2, bias: false, name: "a")).Compile(precision)
            .With(("a.weight", [1, 2]), ("b.weight", [10]));

        Assert.Equal([10, 1, 2, 30, 3, 6], net.Run([1, 3], batch: 2));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void AddSumsElementWise(Precision precision)
    {
        var x = Net.Input(1, 2, 1);
        var net = Net.Add(x, x.Conv(1, 1, bias: false, name: "conv")).Compile(precision).With(("conv.weight", [10]));

        Assert.Equal([11, -22], net.Run([1, -2]));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void MultiplyOfOneShapeIsElementWise(Precision precision)
    {
        var x = Net.Input(1, 2, 2);

        Assert.Equal([1, 4, 9, 16], Net.Multiply(x, x).Compile(precision).Run([1, 2, 3, 4]));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void MultiplyBroadcastsAChannelVectorOverEveryPosition(Precision precision)
    {
        // The dense layer ignores its input (zero kernel) and emits its bias (2, -1) as the channel scale.
        var x = Net.Input(1, 2, 2);
        var scale = x.GlobalAvgPool().Dense(2, name: "scale");
        var net = Net.Multiply(x, scale).Compile(precision).With(("scale.weight", [0, 0, 0, 0]), ("scale.bias", [2, -1]));

        Assert.Equal([2, 4, -3, -4, 20, 40, -30, -40], net.Run([1, 2, 3, 4, 10, 20, 30, 40], batch: 2));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void MultiplyBroadcastsA1x1Image(Precision precision)
    {
        var x = Net.Input(1, 2, 2);
        var means = x.AvgPool((1, 2));

        Assert.Equal([1.5f, 3, 10.5f, 14], Net.Multiply(x, means).Compile(precision).Run([1, 2, 3, 4]));
    }
}
