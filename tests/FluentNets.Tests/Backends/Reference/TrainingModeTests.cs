using FluentNets.Backends.Reference;

namespace FluentNets.Tests.Backends.Reference;

public class TrainingModeTests
{
    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void AuxiliaryHeadsAreEvaluatedOnlyInTraining(Precision precision)
    {
        var network = Net.Input(2)
            .Aux("aux", h => h.Dense(1, bias: false, name: "head"))
            .Dense(1, bias: false, name: "main")
            .ToNetwork();
        var net = network.Compile(precision).With(("aux/head.weight", [1, 1]), ("main.weight", [1, -1]));
        var input = net.Batch([5, 3]);

        var inference = net.Forward(input);
        var training = net.Forward(input, training: true);

        Assert.Equal(["main"], inference.Keys);
        Assert.Equal([2f], inference["main"].Data);
        Assert.Equal(["aux", "main"], training.Keys.Order());
        Assert.Equal([8f], training["aux"].Data);
        Assert.Equal([2f], training["main"].Data);
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void DropoutIsTheIdentityInInference(Precision precision)
    {
        var input = ReferenceHarness.Random(100, seed: 6);

        Assert.Equal(input, Net.Input(100).Dropout(0.5).Compile(precision).Run(input));
    }

    [Theory]
    [InlineData(Precision.Float32, 0.5)]
    [InlineData(Precision.Float64, 0.5)]
    [InlineData(Precision.Float32, 0.2)]
    [InlineData(Precision.Float64, 0.2)]
    public void TrainingDropoutZeroesAboutRateAndScalesTheRest(Precision precision, double rate)
    {
        const int Length = 20_000;
        var net = Net.Input(Length).Dropout(rate).Compile(precision);

        var output = net.Run([.. Enumerable.Repeat(3f, Length)], training: true);

        double dropped = output.Count(v => v == 0) / (double)Length;
        Assert.InRange(dropped, rate - 0.02, rate + 0.02);
        Assert.All(output.Where(v => v != 0), v => Assert.Equal(3 / (1 - rate), v, 1e-5));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void DropoutMasksFollowTheCompileSeed(Precision precision)
    {
        var network = Net.Input(64).Dropout(0.5).ToNetwork();
        var ones = Enumerable.Repeat(1f, 64).ToArray();

        var first = network.Compile(precision, seed: 7).Run(ones, training: true);
        var same = network.Compile(precision, seed: 7).Run(ones, training: true);
        var other = network.Compile(precision, seed: 8).Run(ones, training: true);

        Assert.Equal(first, same);
        Assert.NotEqual(first, other);
    }
}
