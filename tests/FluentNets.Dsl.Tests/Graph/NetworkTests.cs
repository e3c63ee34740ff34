namespace FluentNets.Dsl.Tests.Graph;

public class NetworkTests
{
    [Fact]
    public void ANetworkHoldsOnlyTheNodesItsOutputsDependOn()
    {
        var x = Net.Input(28, 28, 1);
        var used = x.Conv(8, 3);
        x.Conv(16, 3);

        var net = used.Flatten().Dense(10).ToNetwork("small");

        Assert.Equal("small", net.Name);
        Assert.Equal(["input_1", "conv2d", "flatten", "dense"], net.Nodes.Select(n => n.Name));
        Assert.Same(x.Node, net.Input);
        Assert.Equal("dense", net.Output.Name);
    }

    [Fact]
    public void NodesComeInTopologicalOrder()
    {
        var x = Net.Input(28, 28, 192);
        var y = x.Inception(64, (96, 128), (16, 32), 32).Conv(8, 1);

        var net = y.ToNetwork();

        var position = net.Nodes.Select((n, i) => (n.Id, i)).ToDictionary(p => p.Id, p => p.i);
        Assert.All(net.Nodes, n => Assert.All(n.Inputs, i => Assert.True(position[i.Id] < position[n.Id])));
        Assert.Equal(net.Nodes.Count, net.Nodes.Select(n => n.Id).Distinct().Count());
    }

    [Fact]
    public void AuxiliaryHeadsAreTrainingOutputsOnly()
    {
        var trunk = Net.Input(28, 28, 1).Conv(8, 3)
            .Aux("aux1", h => h.GlobalAvgPool().Dense(10, activation: Activation.Softmax), lossWeight: 0.3);

        var net = trunk.Conv(8, 3).Flatten().Dense(10).ToNetwork("g");

        Assert.Equal(["input_1", "conv2d", "aux1/global_average_pooling2d", "aux1/dense", "conv2d_1", "flatten", "dense"], net.Nodes.Select(n => n.Name));
        Assert.Equal(["input_1", "conv2d", "conv2d_1", "flatten", "dense"], net.InferenceNodes.Select(n => n.Name));
        Assert.Equal([("dense", "dense"), ("aux1", "aux1/dense")], net.Outputs.Select(o => (o.Name, o.Node.Name)));
        var aux = Assert.Single(net.Auxiliary);
        Assert.Equal(("aux1", "aux1/dense", 0.3), (aux.Name, aux.Node.Name, aux.LossWeight));
    }

    [Fact]
    public void WithoutAuxiliaryDropsTheHeads()
    {
        var net = Net.Input(28, 28, 1).Conv(8, 3)
            .Aux("aux1", h => h.Flatten().Dense(10))
            .Conv(8, 3).Flatten().Dense(10).ToNetwork();

        var inference = net.WithoutAuxiliary();

        Assert.Empty(inference.Auxiliary);
        Assert.Equal(net.InferenceNodes, inference.Nodes);
        Assert.Equal(net.Analysis.InferenceParams, inference.Analysis.Params);
        Assert.Same(inference, inference.WithoutAuxiliary());
    }

    [Fact]
    public void SummaryIsTheAnalysisTable()
    {
        var net = Net.Input(28, 28, 1).Conv(8, 3).Flatten().Dense(10).ToNetwork();

        Assert.Equal(net.Analysis.ToTable(), net.Summary());
        Assert.Same(net.Analysis, net.Analysis);
    }
}
