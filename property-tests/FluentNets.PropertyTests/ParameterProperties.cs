using FsCheck.Xunit;

namespace FluentNets.PropertyTests;

/// <summary>
/// Keras's parameter counts, layer by layer and in total, for random chains of Conv (grouped or
/// not), DepthwiseConv, SeparableConv, BatchNorm, pooling, Flatten or GlobalAvgPool and Dense.
/// </summary>
[Properties(Arbitrary = new[] { typeof(Arbitraries) })]
public class ParameterProperties
{
    [Property]
    public void EveryLayerHasTheOraclesShapeAndParameters(Chain chain)
    {
        var (_, nodes) = chain.Build();
        var expected = chain.Expected();

        Assert.Equal(expected.Count, nodes.Count);
        for (int i = 0; i < nodes.Count; i++)
        {
            Assert.Equal((nodes[i].Name, expected[i].Shape), (nodes[i].Name, nodes[i].Shape));
            Assert.Equal((nodes[i].Name, expected[i].Trainable, expected[i].NonTrainable), (nodes[i].Name, nodes[i].Params.Trainable, nodes[i].Params.NonTrainable));
        }
    }

    [Property]
    public void TheNetworksParametersAreTheSumOfTheOraclesPerLayer(Chain chain)
    {
        var (network, _) = chain.Build();
        var expected = chain.Expected();

        Assert.Equal(expected.Sum(e => e.Trainable), network.Analysis.Params.Trainable);
        Assert.Equal(expected.Sum(e => e.NonTrainable), network.Analysis.Params.NonTrainable);
        Assert.Equal(network.Analysis.Params, network.Analysis.InferenceParams);
    }
}
