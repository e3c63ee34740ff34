namespace FluentNets.Tests;

/// <summary>The code in README.md, so that it keeps compiling and meaning what the text says.</summary>
public class ReadmeExamplesTests
{
    [Fact]
    public void TheOpeningLeNetHasItsPublishedCounts()
    {
        var lenet = Net.Input(32, 32, 1)
            .Conv(6, 5, activation: Activation.Relu)
            .MaxPool(2, s: 2)
            .Conv(16, 5, activation: Activation.Relu)
            .MaxPool(2, s: 2)
            .Flatten()
            .Dense(120, activation: Activation.Relu)
            .Dense(84, activation: Activation.Relu)
            .Dense(10, activation: Activation.Softmax)
            .ToNetwork("lenet5");

        Assert.Equal(61_706, lenet.Analysis.Params.Total);
        Assert.Equal(416_520, lenet.Analysis.Macs);
    }

    [Fact]
    public void TheBlocksExampleBuildsWithDerivedChannels()
    {
        var x = Net.Input(224, 224, 3).Conv(64, 7, s: 2, pad: Padding.Same).BatchNorm().Relu();
        x = x.Inception(64, (96, 128), (16, 32), 32, name: "inception_3a")
             .Aux("aux1", h => h.AvgPool(5, s: 3, pad: Padding.Same).Flatten().Dense(10), lossWeight: 0.3)
             .Repeat(3, (y, i) => y.Residual(b => b.Conv(256, 3, pad: Padding.Same).BatchNorm().Relu(),
                                             activation: Activation.Relu, name: $"res{i + 1}"))
             .SqueezeExcite(ratio: 16);
        var branched = x.Branches(b => b.Conv(64, 1), b => b.MaxPool(3, s: 1, pad: Padding.Same));

        Assert.Equal(Shape.Image(112, 112, 256), x.Shape);
        Assert.Equal(Shape.Image(112, 112, 320), branched.Shape);
        Assert.Equal("aux1", Assert.Single(x.Auxiliary).Name);
        Assert.DoesNotContain(x.ToNetwork().Analysis.Layers, l => l.Name.StartsWith("res1/shortcut", StringComparison.Ordinal));
    }
}
