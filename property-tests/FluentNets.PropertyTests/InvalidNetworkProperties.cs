using FluentNets.Backends;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FluentNets.PropertyTests;

/// <summary>
/// A valid network with one planted shape error never builds: the DSL throws its own
/// <see cref="NetBuildException"/> naming the planted layer, before anything reaches TorchSharp,
/// and the handle before the bad call still builds the rest of the network, names and all.
/// </summary>
[Properties(Arbitrary = new[] { typeof(Arbitraries) })]
public class InvalidNetworkProperties
{
    [Property]
    public Property BuildingThrowsTheDslsExceptionNamingThePlantedLayer(InvalidNetwork c) =>
        Prop.ToProperty(() =>
            {
                Assert.EndsWith(c.Error == PlantedError.IdentityAcrossStride ? "planted/add" : "planted", c.PlantedLayer, StringComparison.Ordinal);

                var error = Record.Exception(() =>
                {
                    var network = c.Planted.Build();
                    using var compiled = Devices.Torch.Compile(network, seed: 1);
                    compiled.Infer(Devices.RandomInput(network, 1, seed: 1));
                });

                var thrown = Assert.IsType<NetBuildException>(error, exactMatch: true);
                Assert.Equal(c.PlantedLayer, thrown.Layer);
                Assert.StartsWith($"{c.PlantedLayer}: ", thrown.Message, StringComparison.Ordinal);
            })
            .Classify(true, c.Error.ToString())
            .Classify(c.PlantedLayer.Contains('/', StringComparison.Ordinal), "inside a block");

    [Property]
    public Property TheHandleBeforeTheErrorStillBuildsTheValidNetwork(InvalidNetwork c)
    {
        var expected = c.ExpectedRecovery();
        bool renamed = !expected.Layers.Select(l => l.Name).SequenceEqual(c.Valid.Expected().Layers.Select(l => l.Name));
        return Prop.ToProperty(() =>
            {
                var handle = c.Planted.BuildStages(c.Index);

                var error = Assert.Throws<NetBuildException>(() => c.Planted.Body[c.Index].AddTo(handle));
                var recovered = c.Valid.Finish(handle, c.Index);

                Assert.Equal(c.PlantedLayer, error.Layer);
                Assert.Equal(
                    expected.Layers.Select(l => (l.Name, l.Shape, l.Trainable, l.NonTrainable)),
                    recovered.Nodes.Skip(1).Select(n => (n.Name, n.Shape, n.Params.Trainable, n.Params.NonTrainable)));
                var extended = handle.Relu();
                Assert.Equal(handle.Shape, extended.Shape);
                Assert.Equal(handle.Node, Assert.Single(extended.Node.Inputs));
            })
            .Classify(renamed, "layers built before the error keep their names")
            .Classify(!renamed, "names as in the valid network");
    }
}
