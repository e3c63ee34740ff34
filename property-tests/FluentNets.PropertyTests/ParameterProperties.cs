using FluentNets.Backends;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FluentNets.PropertyTests;

/// <summary>
/// Keras's parameter counts for random networks, sequential and branched: layer by layer and in
/// total the DSL agrees with the oracle, and the compiled TorchSharp module allocates exactly
/// that many trainable parameters and non-trainable buffers.
/// </summary>
[Properties(Arbitrary = new[] { typeof(Arbitraries) })]
public class ParameterProperties
{
    [Property]
    public Property EveryLayerHasTheOraclesNameShapeAndParameters(NetworkDescription description) =>
        Prop.ToProperty(() =>
            {
                var expected = description.Expected();
                Assert.Null(expected.Failure);
                var nodes = description.Build().Nodes.Skip(1).ToArray();

                Assert.Equal(expected.Layers.Select(l => l.Name), nodes.Select(n => n.Name));
                foreach (var (node, layer) in nodes.Zip(expected.Layers))
                {
                    Assert.Equal((node.Name, layer.Shape), (node.Name, node.Shape));
                    Assert.Equal((node.Name, layer.Trainable, layer.NonTrainable), (node.Name, node.Params.Trainable, node.Params.NonTrainable));
                }
            })
            .Classify(description.IsSequential, "sequential")
            .Classify(!description.IsSequential, "branched");

    [Property]
    public void TorchSharpAllocatesTheOraclesParameters(NetworkDescription description)
    {
        var expected = description.Expected();
        var network = description.Build();
        using var compiled = Devices.Torch.Compile(network, seed: 1);

        Assert.Equal((expected.Trainable, expected.NonTrainable), (network.Analysis.Params.Trainable, network.Analysis.Params.NonTrainable));
        Assert.Equal(network.Analysis.Params, network.Analysis.InferenceParams);
        var allocated = compiled.Parameters.GroupBy(p => LayerOf(p.Name)).ToDictionary(
            g => g.Key, g => (Trainable: g.Where(p => p.Trainable).Sum(p => p.Elements), NonTrainable: g.Where(p => !p.Trainable).Sum(p => p.Elements)));
        foreach (var layer in expected.Layers)
        {
            var counts = allocated.GetValueOrDefault(layer.Name);
            Assert.Equal((layer.Name, layer.Trainable, layer.NonTrainable), (layer.Name, counts.Trainable, counts.NonTrainable));
        }

        Assert.Equal(expected.Trainable, compiled.Parameters.Where(p => p.Trainable).Sum(p => p.Elements));
        Assert.Equal(expected.NonTrainable, compiled.Parameters.Where(p => !p.Trainable).Sum(p => p.Elements));
        Assert.Equal(ParameterLayout.Of(network), compiled.Parameters, ParameterComparer.Instance);
    }

    /// <summary>
    /// The layer of a state entry: <c>residual/shortcut_conv</c> for <c>residual/shortcut_conv.weight</c>,
    /// the entry itself for a layer that is one parameter (<c>layer_scale</c>).
    /// </summary>
    private static string LayerOf(string entry)
    {
        int dot = entry.IndexOf('.', entry.LastIndexOf('/') + 1);
        return dot < 0 ? entry : entry[..dot];
    }

    private sealed class ParameterComparer : IEqualityComparer<ParameterInfo>
    {
        public static ParameterComparer Instance { get; } = new();

        public bool Equals(ParameterInfo? x, ParameterInfo? y) =>
            x is not null && y is not null && x.Name == y.Name && x.Trainable == y.Trainable && x.Shape.SequenceEqual(y.Shape);

        public int GetHashCode(ParameterInfo obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
