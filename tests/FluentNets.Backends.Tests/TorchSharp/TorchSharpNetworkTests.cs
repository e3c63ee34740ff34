using FluentNets.Graph;
using TorchSharp;
using static TorchSharp.torch;

namespace FluentNets.Backends.Tests.TorchSharp;

public class TorchSharpNetworkTests
{
    // Every layer with state, inside a block (names with '/'), an auxiliary head, and a dropout.
    private static readonly Network WithAux = Net.Input(12, 12, 3)
        .Conv(8, 3, pad: Padding.Same, activation: Activation.Relu, name: "stem")
        .Block("features", b => b
            .DepthwiseConv(3, depthMultiplier: 2, pad: Padding.Same, bias: false, name: "dw")
            .BatchNorm(scale: false, name: "bn")
            .SeparableConv(6, 3, s: 2, pad: Padding.Same, name: "sep")
            .MaxPool(2, name: "pool"))
        .Aux("aux", head => head.GlobalAvgPool().Dense(4, activation: Activation.Softmax, name: "classifier"))
        .Flatten()
        .Dropout(0.5)
        .Dense(5, name: "classifier")
        .ToNetwork("with_aux");

    [Fact]
    public void ParametersAreExactlyTheParameterLayout()
    {
        using var compiled = Cpu.Compile(WithAux);

        Assert.Equal(
            ParameterLayout.Of(WithAux).Select(p => (p.Name, p.ShapeText, p.Trainable)),
            compiled.Parameters.Select(p => (p.Name, p.ShapeText, p.Trainable)));
    }

    [Fact]
    public void TheModuleRegistersOneSubmodulePerLayerWithStateUnderItsName()
    {
        using var compiled = Cpu.Compile(WithAux);

        Assert.Equal(
            ["stem", "features/dw", "features/bn", "features/sep", "aux/classifier", "classifier"],
            compiled.Module.named_children().Select(c => c.name));
        Assert.Equal(
            compiled.Parameters.Where(p => p.Trainable).Select(p => p.Name).Order(StringComparer.Ordinal),
            compiled.Module.named_parameters().Select(p => p.name).Order(StringComparer.Ordinal));
        Assert.Equal(
            compiled.Parameters.Where(p => !p.Trainable).Select(p => p.Name).Order(StringComparer.Ordinal),
            compiled.Module.named_buffers().Select(b => b.name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ALayerNameWithADotKeepsItsNameInTheState()
    {
        var network = Net.Input(4, 4, 1).Conv(2, 3, name: "conv.1").Flatten().Dense(2, name: "conv_1").ToNetwork();
        using var compiled = Cpu.Compile(network);

        Assert.Equal(["conv.1.weight", "conv.1.bias", "conv_1.weight", "conv_1.bias"], compiled.Parameters.Select(p => p.Name));
        Assert.Equal(["conv.1.weight", "conv.1.bias", "conv_1.weight", "conv_1.bias"], compiled.GetState().Keys);
    }

    [Fact]
    public void InferenceReturnsOnlyTheMainOutput()
    {
        using var compiled = Cpu.Compile(WithAux);

        var outputs = compiled.Forward(Cpu.Random([2, 3, 12, 12]));

        Assert.Equal(["classifier"], outputs.Keys);
        Assert.Equal([2, 5], outputs["classifier"].Shape);
    }

    [Fact]
    public void TrainingReturnsTheMainOutputAndEveryAuxiliaryHeadByName()
    {
        using var compiled = Cpu.Compile(WithAux);

        var outputs = compiled.Forward(Cpu.Random([2, 3, 12, 12]), training: true);

        Assert.Equal(WithAux.Outputs.Select(o => o.Name), outputs.Keys);
        Assert.Equal(["classifier", "aux"], outputs.Keys);
        Assert.Equal([2, 4], outputs["aux"].Shape);
        Assert.Equal(2, outputs["aux"].Data.Sum(), 5);
    }

    [Fact]
    public void ForwardLeavesNoTensorAlive()
    {
        using var compiled = Cpu.Compile(WithAux);
        var input = Cpu.Random([2, 3, 12, 12]);
        var statistics = DisposeScopeManager.Statistics;
        long live = statistics.ThreadTotalLiveCount;
        long outside = statistics.CreatedOutsideScopeCount;
        long inside = statistics.CreatedInScopeCount;

        compiled.Forward(input);
        compiled.Forward(input, training: true);
        compiled.SetState(compiled.GetState());

        Assert.Equal(live, statistics.ThreadTotalLiveCount);
        Assert.Equal(outside, statistics.CreatedOutsideScopeCount);
        Assert.True(statistics.CreatedInScopeCount > inside + 20, $"{statistics.CreatedInScopeCount - inside} tensors were created in a scope");
    }

    [Fact]
    public void ForwardTensorsKeepsOnlyTheOutputsAlive()
    {
        using var compiled = Cpu.Compile(WithAux);
        using var input = Reference.Torch(Cpu.Random([2, 3, 12, 12]));
        var statistics = DisposeScopeManager.Statistics;
        long live = statistics.ThreadTotalLiveCount;

        var outputs = compiled.ForwardTensors(input, training: true);

        Assert.Equal(live + 2, statistics.ThreadTotalLiveCount);
        Assert.Equal(["classifier", "aux"], outputs.Keys);
        Assert.True(outputs["classifier"].requires_grad);
        foreach (var output in outputs.Values)
        {
            output.Dispose();
        }
    }

    [Fact]
    public void ALayerThatHandsItsInputThroughKeepsTheTensorAliveForItsOtherReaders()
    {
        // Dropout at rate 0 returns its input tensor itself: conv's last reader is "pass", whose output, the same tensor, is read twice after it.
        var x = Net.Input(6, 6, 3).Conv(3, 3, pad: Padding.Same, name: "conv");
        var passed = x.Dropout(0.0, name: "pass");
        var network = Net.Concat(passed.Dropout(0.0, name: "again"), passed).Dropout(0.0, name: "out").ToNetwork();
        using var compiled = Cpu.Compile(network);
        using var input = Reference.Torch(Cpu.Random([2, 3, 6, 6]));
        var statistics = DisposeScopeManager.Statistics;
        long live = statistics.ThreadTotalLiveCount;

        using var output = compiled.ForwardTensors(input)["out"];

        Assert.Equal(live + 1, statistics.ThreadTotalLiveCount);
        Assert.Equal([2L, 6, 6, 6], output.shape);
        Assert.Equal(output.narrow(1, 0, 3).sum().item<float>(), output.narrow(1, 3, 3).sum().item<float>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ForwardTensorsPutsTheModuleInTheModeAskedFor(bool training)
    {
        using var compiled = Cpu.Compile(WithAux);
        using var scope = NewDisposeScope();
        compiled.Module.train(!training);

        compiled.ForwardTensors(Reference.Torch(Cpu.Random([2, 3, 12, 12])), training);

        Assert.Equal(training, compiled.Module.training);
        Assert.All(compiled.Module.modules(), m => Assert.Equal(training, m.training));
    }

    [Fact]
    public void TheModuleGivesTheMainOutputThatForwardGives()
    {
        using var compiled = Cpu.Compile(WithAux);
        var input = Cpu.Random([2, 3, 12, 12]);
        compiled.Module.eval();

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var fromModule = Reference.Host(compiled.Module.call(Reference.Torch(input)));

        Assert.Equal(compiled.Infer(input).Data, fromModule.Data);
    }

    [Fact]
    public void AGradientFlowsToEveryTrainableParameter()
    {
        using var compiled = Cpu.Compile(WithAux);
        using var scope = NewDisposeScope();
        var outputs = compiled.ForwardTensors(Reference.Torch(Cpu.Random([2, 3, 12, 12])), training: true);

        (outputs["classifier"].square().sum() + outputs["aux"].square().sum()).backward();

        Assert.All(compiled.Module.named_parameters(), p => Assert.True(p.parameter.grad is not null, $"{p.name} has no gradient"));
    }

    [Fact]
    public void LogitsAreTheOutputsBeforeTheirSoftmax()
    {
        using var compiled = Cpu.Compile(WithAux);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = Reference.Torch(Cpu.Random([2, 3, 12, 12]));

        var probabilities = compiled.ForwardTensors(input, training: true);
        var logits = compiled.ForwardTensors(input, training: true, logits: true);

        // Dropout makes the main head differ between passes; the auxiliary head has none.
        Reference.Close(Reference.Host(probabilities["aux"]), Reference.Host(softmax(logits["aux"], 1)), 1e-6);
        Assert.NotEqual(Reference.Host(probabilities["aux"]).Data, Reference.Host(logits["aux"]).Data);
        Assert.Equal(
            Reference.Host(compiled.ForwardTensors(input)["classifier"]).Data,
            Reference.Host(compiled.ForwardTensors(input, logits: true)["classifier"]).Data);
    }

    [Fact]
    public void LogitsSkipASoftmaxLayerAndKeepWhatReadsItsOutput()
    {
        var network = Net.Input(4).Dense(3, name: "scores").Softmax(name: "probs")
            .Aux("aux", h => h.Dense(2, name: "head"))
            .ToNetwork();
        using var compiled = Cpu.Compile(network);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = Reference.Torch(Cpu.Random([2, 4]));
        var statistics = DisposeScopeManager.Statistics;

        var plain = compiled.ForwardTensors(input, training: true);
        long live = statistics.ThreadTotalLiveCount;
        var logits = compiled.ForwardTensors(input, training: true, logits: true);

        Assert.Equal(live + 2, statistics.ThreadTotalLiveCount);
        Reference.Close(Reference.Host(plain["probs"]), Reference.Host(softmax(logits["probs"], 1)), 1e-6);
        Assert.Equal(Reference.Host(plain["aux"]).Data, Reference.Host(logits["aux"]).Data);
    }

    [Fact]
    public void StateTensorIsTheLiveParameterByItsLayoutName()
    {
        using var compiled = Cpu.Compile(WithAux);

        var kernel = compiled.StateTensor("features/sep.pointwise.weight");

        Assert.Equal([6L, 16, 1, 1], kernel.shape);
        Assert.True(kernel.requires_grad);
        Assert.Same(kernel, compiled.StateTensor("features/sep.pointwise.weight"));
        Assert.Equal(DeviceType.CPU, compiled.TorchDevice.type);
        var e = Assert.Throws<KeyNotFoundException>(() => compiled.StateTensor("features/sep.weight"));
        Assert.Equal("features/sep.weight: not a parameter or buffer of with_aux. Names look like stem.weight.", e.Message);
    }

    [Theory]
    [InlineData(new[] { 2, 3, 12, 11 })]
    [InlineData(new[] { 2, 12, 12, 3 })]
    [InlineData(new[] { 3, 12, 12 })]
    [InlineData(new[] { 0, 3, 12, 12 })]
    public void AnInputOfAnotherShapeIsRefused(int[] shape)
    {
        using var compiled = Cpu.Compile(WithAux);

        var e = Assert.Throws<ArgumentException>(() => compiled.Forward(HostTensor.Zeros(shape)));

        Assert.Equal(
            $"Expected a batch of shape [N, 3, 12, 12] (N >= 1) for the input input_1 (None, 12, 12, 3) of with_aux. Received: input=[{string.Join(", ", shape)}]. (Parameter 'input')",
            e.Message);
    }

    [Fact]
    public void SetStateReplacesEveryParameterAndBuffer()
    {
        using var a = Cpu.Compile(WithAux, seed: 1);
        using var b = Cpu.Compile(WithAux, seed: 2);
        var input = Cpu.Random([2, 3, 12, 12]);
        a.Forward(input, training: true);

        b.SetState(a.GetState());

        Assert.Equal(a.GetState().Values.Select(t => t.Data), b.GetState().Values.Select(t => t.Data));
        Assert.Equal(a.Infer(input).Data, b.Infer(input).Data);
    }

    [Fact]
    public void SetStateWithAWrongShapeChangesNothing()
    {
        using var compiled = Cpu.Compile(WithAux);
        var before = compiled.GetState();
        var state = before.ToDictionary(p => p.Key, p => new HostTensor(p.Value.Shape.ToArray(), p.Value.Data.Select(v => v + 1).ToArray()));
        state["classifier.weight"] = HostTensor.Zeros(5, 55);

        var e = Assert.Throws<WeightsException>(() => compiled.SetState(state));

        Assert.Equal("classifier.weight: the weights have [5, 55] but the network has [5, 54].", e.Message);
        Assert.Equal(before.Values.Select(t => t.Data), compiled.GetState().Values.Select(t => t.Data));
    }

    [Fact]
    public void SetStateWithoutAParameterNamesIt()
    {
        using var compiled = Cpu.Compile(WithAux);
        var state = compiled.GetState().Where(p => p.Key != "features/bn.running_var").ToDictionary();

        var e = Assert.Throws<WeightsException>(() => compiled.SetState(state));

        Assert.Equal("features/bn.running_var: missing from the weights; the network has [16].", e.Message);
    }
}
