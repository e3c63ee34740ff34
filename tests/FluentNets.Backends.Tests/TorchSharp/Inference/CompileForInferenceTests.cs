using FluentNets.Backends.TorchSharp;
using FluentNets.Data;
using FluentNets.Graph;
using FluentNets.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FluentNets.Backends.Tests.TorchSharp.Inference;

/// <summary>
/// <see cref="TorchSharpBackend.CompileForInference"/>: what it holds, what it refuses, and that
/// writing in place never touches a tensor another layer or the caller still reads.
/// </summary>
public class CompileForInferenceTests
{
    private static readonly Network WithAux = Net.Input(12, 12, 3)
        .Conv(8, 3, pad: Padding.Same, name: "stem")
        .BatchNorm(name: "stem_bn")
        .Relu(name: "stem_relu")
        .Aux("aux", head => head.GlobalAvgPool().Dense(4, activation: Activation.Softmax, name: "classifier"))
        .Flatten()
        .Dropout(0.5)
        .Dense(5, activation: Activation.Softmax, name: "classifier")
        .ToNetwork("with_aux");

    [Fact]
    public void FitIsRefusedWithOneLine()
    {
        using var compiled = Cpu.Backend.CompileForInference(WithAux);
        var data = DataSet.FromPixels("four", WithAux.Input.Shape, new float[4 * 432], [0, 1, 2, 3], 5);

        var error = Assert.Throws<InvalidOperationException>(() => compiled.Fit(data, new FitOptions { Epochs = 1 }));

        Assert.Equal(
            "with_aux was compiled for inference (TorchSharpBackend.CompileForInference): its BatchNorms are folded into the layers before them and its dropout and auxiliary heads are left out, so it does not train or run in training mode; compile it with Compile to train it.",
            error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void TrainingModeIsRefusedWithTheSameLine()
    {
        using var compiled = Cpu.Backend.CompileForInference(WithAux);

        var error = Assert.Throws<InvalidOperationException>(() => compiled.Forward(Cpu.Random([1, 3, 12, 12]), training: true));

        Assert.StartsWith("with_aux was compiled for inference", error.Message);
    }

    [Fact]
    public void AuxiliaryHeadsAreNotAllocatedAndAStateWithThemLoads()
    {
        using var plain = Cpu.Compile(WithAux, seed: 4);
        using var compiled = Cpu.Backend.CompileForInference(WithAux, seed: 4);

        compiled.SetState(plain.GetState());

        Assert.Equal(ParameterLayout.Of(WithAux.WithoutAuxiliary()).Select(p => p.Name), compiled.Parameters.Select(p => p.Name));
        Assert.DoesNotContain(compiled.Module.named_children(), c => c.name.StartsWith("aux", StringComparison.Ordinal));
        Assert.Equal(["classifier"], compiled.Forward(Cpu.Random([2, 3, 12, 12])).Keys);
    }

    [Fact]
    public void AnAuxiliaryHeadOfTheWrongShapeIsStillRefused()
    {
        using var plain = Cpu.Compile(WithAux, seed: 4);
        using var compiled = Cpu.Backend.CompileForInference(WithAux, seed: 4);
        var state = plain.GetState().ToDictionary();
        state["aux/classifier.weight"] = new HostTensor([4, 7], new float[28]);

        var error = Assert.Throws<WeightsException>(() => compiled.SetState(state));

        Assert.Equal("aux/classifier.weight: the weights have [4, 7] but the network has [4, 8].", error.Message);
    }

    [Fact]
    public void TheModuleHoldsOneCopyOfTheWeightsAndABiasForEachFoldedUnbiasedLayer()
    {
        var network = Net.Input(8, 8, 3)
            .Conv(4, 3, bias: false, name: "a").BatchNorm(name: "a_bn").Relu()
            .Conv(5, 3, name: "b").BatchNorm(name: "b_bn")
            .ToNetwork();
        using var compiled = Cpu.Backend.CompileForInference(network);

        long held = compiled.Module.parameters().Sum(p => p.numel()) + compiled.Module.buffers().Sum(b => b.numel());

        // 3*3*3*4 + 4*4 + 3*3*4*5 + 5 + 4*5 declared, and the 4 biases folding a_bn into a adds.
        Assert.Equal(329, ParameterLayout.Of(network).Sum(p => p.Elements));
        Assert.Equal(329 + 4, held);
    }

    [Fact]
    public void TheSameSeedGivesTheStateCompileGives()
    {
        using var plain = Cpu.Compile(WithAux, seed: 9);
        using var compiled = Cpu.Backend.CompileForInference(WithAux, seed: 9);

        var expected = plain.GetState();
        foreach (var (name, value) in compiled.GetState())
        {
            Reference.Close(expected[name], value, 1e-6);
        }
    }

    [Fact]
    public void TheCallersInputIsNotOverwrittenByALayerThatCouldWorkInPlace()
    {
        var network = Net.Input(3, 3, 2).Relu(name: "relu").ToNetwork();
        using var compiled = Cpu.Backend.CompileForInference(network);
        var host = Cpu.Random([2, 2, 3, 3]);
        using var input = Reference.Torch(host);

        using var output = compiled.ForwardTensors(input)["relu"];

        Assert.Equal(host.Data, Reference.Host(input).Data);
        Assert.Equal(host.Data.Select(v => Math.Max(v, 0f)), Reference.Host(output).Data);
    }

    [Fact]
    public void ALayerDoesNotOverwriteAViewOfTheCallersInputOrOfAValueReadLater()
    {
        // The branch is a channel slice of x, a view of the caller's input: the residual's add and
        // its ReLU must not write into it, since the outer add reads x afterwards. Its value is
        // x + x + relu(x[:, 0:1] + bn(conv1x1(x))), computed here from the state alone.
        var network = Net.Input(6, 1, 1)
            .Then(x => Net.Add("sum", x, x, x.Residual(b => b.SliceChannels(0, 1), Shortcut.Projection, activation: Activation.Relu)))
            .ToNetwork();
        using var compiled = Cpu.Backend.CompileForInference(network, seed: 1);
        var state = Cpu.RandomState(compiled.Parameters, 5);
        compiled.SetState(state);
        var host = Cpu.Random([2, 1, 6, 1]);
        using var input = Reference.Torch(host);

        using var output = compiled.ForwardTensors(input)["sum"];

        float Scalar(string suffix) => state.Single(p => p.Key.EndsWith(suffix, StringComparison.Ordinal)).Value.Data[0];
        double scale = Scalar("shortcut_bn.weight") / Math.Sqrt(Scalar("shortcut_bn.running_var") + 1e-3);
        float Skip(float v) => (float)((((v * Scalar("shortcut_conv.weight")) + Scalar("shortcut_conv.bias") - Scalar("shortcut_bn.running_mean")) * scale) + Scalar("shortcut_bn.bias"));
        var expected = host.Data.Select(v => v + v + Math.Max(v + Skip(v), 0f)).ToArray();
        Assert.Equal(host.Data, Reference.Host(input).Data);
        Reference.Close(new HostTensor([2, 1, 6, 1], expected), Reference.Host(output), 1e-5);
    }

    [Fact]
    public void APassLeavesNoTensorHandleBehindButItsOutput()
    {
        // A handle left to the garbage collector keeps its activation's memory until a finalizer runs.
        var network = Net.Input(8, 8, 4)
            .Then(x => Net.Add(x, x.Residual(b => b.SliceChannels(0, 4).Conv(4, 3, pad: Padding.Same).BatchNorm(), activation: Activation.Relu)))
            .ZeroPad(1).Conv(3, 3).Flatten().ToNetwork();
        using var compiled = Cpu.Backend.CompileForInference(network, seed: 2);
        using var input = Reference.Torch(Cpu.Random([2, 4, 8, 8]));
        compiled.ForwardTensors(input)[network.Output.Name].Dispose();
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        compiled.ForwardTensors(input)[network.Output.Name].Dispose();

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Theory]
    [InlineData("relu(conv) + conv: the add reads conv after the activation has run")]
    [InlineData("conv + relu(conv) + conv: writing the sum into the first input would change the third")]
    public void ALayerDoesNotOverwriteAnInputReadAgainLater(string sum)
    {
        var x = Net.Input(4, 4, 2).Conv(3, 1, name: "conv");
        bool twice = sum.StartsWith("conv + ", StringComparison.Ordinal);
        var network = (twice ? Net.Add("sum", x, x.Relu(name: "relu"), x) : Net.Add("sum", x.Relu(name: "relu"), x)).ToNetwork();
        using var compiled = Cpu.Backend.CompileForInference(network, seed: 2);
        var state = Cpu.RandomState(compiled.Parameters, 3);
        compiled.SetState(state);
        var input = Cpu.Random([2, 2, 4, 4]);

        var output = compiled.Infer(input);

        var conv = Reference.Conv(input, state["conv.weight"], state["conv.bias"], (0, 0, 0, 0), (1, 1), (1, 1), 1);
        var expected = conv.Data.Select(v => Math.Max(v, 0f) + v + (twice ? v : 0f)).ToArray();
        Reference.Close(new HostTensor([.. conv.Shape], expected), output, 1e-5);
    }

    [Fact]
    public void LayerOutputsLeaveTheFoldedLayersOutAndSayWhereTheyWent()
    {
        using var compiled = Cpu.Backend.CompileForInference(WithAux);

        var layers = compiled.ForwardLayers(Cpu.Random([1, 3, 12, 12]));
        var error = Assert.Throws<ArgumentException>(() => compiled.Outputs(Cpu.Random([1, 3, 12, 12]), "stem"));

        Assert.Equal(new Dictionary<string, string> { ["stem"] = "stem_bn" }, compiled.FoldedLayers);
        Assert.Equal(["stem_bn", "stem_relu", "flatten", "dropout", "classifier"], layers.Keys);
        Assert.StartsWith("Expected a layer whose output the compiled network computes. Received: name=\"stem\", which with_aux compiled for inference folds into stem_bn;", error.Message);
    }

    [Fact]
    public void NothingIsRecordedForAutogradEvenForAnInputThatAsksForAGradient()
    {
        using var compiled = Cpu.Backend.CompileForInference(WithAux);
        using var plain = Cpu.Compile(WithAux);
        using var input = Reference.Torch(Cpu.Random([1, 3, 12, 12])).requires_grad_(true);

        using var output = compiled.ForwardTensors(input)["classifier"];
        using var recorded = plain.ForwardTensors(input)["classifier"];

        Assert.True(recorded.requires_grad);
        Assert.False(output.requires_grad);
        Assert.All(compiled.Module.parameters(), p => Assert.False(p.requires_grad));
    }
}
