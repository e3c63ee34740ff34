using FluentNets.Backends.Reference;
using FluentNets.Graph;

namespace FluentNets.Backends.Tests.Abstractions;

public class LayerOutputsExtensionsTests
{
    // A conv, a ReLU and a dense layer with an auxiliary head: small enough to check by hand.
    private static readonly Network Small = Net.Input(2, 2, 1)
        .Conv(1, 1, bias: false, name: "scale")
        .Relu(name: "relu")
        .Aux("aux", head => head.GlobalAvgPool(name: "aux_pool").Dense(2, name: "aux_fc"))
        .Flatten(name: "flatten")
        .Dense(1, bias: false, name: "sum")
        .ToNetwork("small");

    [Fact]
    public void OutputsAreTheNamedLayersInTheOrderAsked()
    {
        using var compiled = new ReferenceBackend().Compile(Small, 1);
        compiled.SetState(new Dictionary<string, HostTensor>
        {
            ["scale.weight"] = new([1, 1, 1, 1], [-2f]),
            ["aux/aux_fc.weight"] = new([2, 1], [0f, 0f]),
            ["aux/aux_fc.bias"] = new([2], [0f, 0f]),
            ["sum.weight"] = new([1, 4], [1f, 1f, 1f, 1f]),
        });
        var input = new HostTensor([1, 1, 2, 2], [1f, -1f, 2f, -3f]);

        var outputs = compiled.Outputs(input, "sum", "scale", "relu", "input_1");

        // -2x is [-2, 2, -4, 6]; its ReLU [0, 2, 0, 6] sums to 8.
        Assert.Equal(["sum", "scale", "relu", "input_1"], outputs.Keys);
        Assert.Equal([-2f, 2f, -4f, 6f], outputs["scale"].Data);
        Assert.Equal([0f, 2f, 0f, 6f], outputs["relu"].Data);
        Assert.Equal([1, 1], outputs["sum"].Shape);
        Assert.Equal([8f], outputs["sum"].Data);
        Assert.Equal(input.Data, outputs["input_1"].Data);
    }

    [Fact]
    public void AnUnknownNameIsNamedWithCloseNames()
    {
        using var compiled = new ReferenceBackend().Compile(Small, 1);

        var e = Assert.Throws<ArgumentException>(() => compiled.Outputs(Cpu.Filled([1, 1, 2, 2], 1), "relu", "scal"));

        Assert.StartsWith("Expected the name of a layer of small. Received: name=\"scal\". Layers with close names: scale", e.Message);
    }

    [Fact]
    public void ALayerOfAnAuxiliaryHeadIsRefused()
    {
        using var compiled = new ReferenceBackend().Compile(Small, 1);

        var e = Assert.Throws<ArgumentException>(() => compiled.Outputs(Cpu.Filled([1, 1, 2, 2], 1), "aux/aux_fc"));

        Assert.StartsWith("Expected a layer that runs in inference. Received: name=\"aux/aux_fc\", a layer of an auxiliary head of small, which runs only in training.", e.Message);
    }

    [Fact]
    public void NoNameIsRefused()
    {
        using var compiled = new ReferenceBackend().Compile(Small, 1);

        var e = Assert.Throws<ArgumentException>(() => compiled.Outputs(Cpu.Filled([1, 1, 2, 2], 1)));

        Assert.StartsWith("Expected at least one layer name of small. Received: names=[].", e.Message);
    }
}
