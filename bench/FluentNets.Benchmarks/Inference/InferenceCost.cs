using FluentNets.Backends;
using FluentNets.Backends.TorchSharp;
using FluentNets.Benchmarks.HandWritten;
using FluentNets.Benchmarks.Harness;
using static TorchSharp.torch;

namespace FluentNets.Benchmarks.Inference;

/// <summary>
/// Times the in-process contenders of one inference case on the same weights and batch: FluentNets as
/// it compiles for training and compiled for inference, the hand-written TorchSharp network where
/// there is one, interleaved round by round, then ONNX Runtime alone (its thread pool and libtorch's
/// OpenMP workers would otherwise take turns spinning on each other's cores). Each run is one batch
/// from the host tensor to the output tensor, under <c>no_grad</c>; outputs are compared with
/// FluentNets' plain output and written beside the workspace for the PyTorch peer's comparison.
/// </summary>
public static class InferenceCost
{
    /// <summary>Runs <paramref name="c"/> on <paramref name="workspace"/>'s weights and batch.</summary>
    public static InferenceResult Run(InferenceCase c, InferenceWorkspace workspace, Repeater repeater, int threads)
    {
        var network = workspace.Network;
        var backend = BenchHeap.Backend(threads);
        var host = workspace.Input(c.Batch);
        using var input = tensor(host.Data, host.Shape.Select(d => (long)d).ToArray(), ScalarType.Float32);
        using var plain = (TorchSharpNetwork)backend.Compile(network, InferenceWorkspace.CompileSeed);
        plain.SetState(workspace.State);
        using var fast = backend.CompileForInference(network, InferenceWorkspace.CompileSeed);
        fast.SetState(workspace.State);
        using var hand = HandWritten(c.Model);
        if (hand is not null)
        {
            // Auxiliary heads run only in training: the hand-written networks have none.
            var held = ParameterLayout.Of(network.WithoutAuxiliary()).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            hand.Load(workspace.State.Where(p => held.Contains(p.Key)).ToDictionary());
            hand.eval();
        }

        using var onnx = OnnxRuntimeModel.Open(workspace.OnnxPath, threads);
        string output = network.Output.Name;
        var contenders = new List<(string Name, Func<Tensor> Run)>
        {
            (InferenceContender.FluentNets, () => plain.ForwardTensors(input)[output]),
            (InferenceContender.FluentNetsInference, () => fast.ForwardTensors(input)[output]),
        };
        if (hand is not null)
        {
            contenders.Add((InferenceContender.HandTorchSharp, () => hand.call(input)));
        }

        var outputs = contenders.ToDictionary(t => t.Name, t => Output(t.Run));
        outputs[InferenceContender.OnnxRuntime] = onnx.Run(host);
        var expected = outputs[InferenceContender.FluentNets];
        RawFloats.Write(workspace.OutputPath(InferenceContender.FluentNets, c.Batch), expected);

        var libtorch = repeater.TimeAll([.. contenders.Select(t => (Action)(() => Infer(t.Run)))]);
        var times = contenders.Select((t, i) => (t.Name, libtorch[i])).ToDictionary(t => t.Name, t => t.Item2);
        times[InferenceContender.OnnxRuntime] = repeater.Time(() => onnx.Run(host));

        var missing = new Dictionary<string, string>
        {
            [InferenceContender.PyTorch] = "not run yet",
            [InferenceContender.PyTorchJit] = "not run yet",
        };
        if (hand is null)
        {
            missing[InferenceContender.HandTorchSharp] = $"no hand-written TorchSharp {c.Model}";
        }

        return new InferenceResult(
            c,
            network.Analysis.InferenceMacs,
            times,
            outputs.ToDictionary(o => o.Key, o => RawFloats.MaxAbsDifference(o.Value, expected)),
            missing);
    }

    /// <summary>The hand-written TorchSharp network of <paramref name="model"/>, or null where there is none.</summary>
    public static HandWrittenNetwork? HandWritten(string model) => model switch
    {
        "resnet50" => new HandResNet50(keras: true),
        "googlenet" => new HandGoogLeNet(),
        _ => null,
    };

    private static void Infer(Func<Tensor> run)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        run();
    }

    private static float[] Output(Func<Tensor> run)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var contiguous = run().contiguous();
        return contiguous.data<float>().ToArray();
    }
}
