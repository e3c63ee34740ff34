using FluentNets.Backends;
using Microsoft.ML.OnnxRuntime;

namespace FluentNets.Benchmarks.Inference;

/// <summary>
/// ONNX Runtime in this process running FluentNets' ONNX export: all graph optimisations, the same
/// intra-op threads as libtorch, one inter-op thread, sequential execution, ONNX Runtime's default
/// CPU provider and thread pool (whose threads spin briefly after each run, as it ships).
/// </summary>
public sealed class OnnxRuntimeModel : IDisposable
{
    private readonly SessionOptions options;
    private readonly InferenceSession session;
    private readonly RunOptions run = new();
    private readonly string input;
    private readonly string output;

    private OnnxRuntimeModel(SessionOptions options, InferenceSession session)
    {
        this.options = options;
        this.session = session;
        input = session.InputMetadata.Keys.Single();
        output = session.OutputMetadata.Keys.First();
    }

    /// <summary>Opens the model file at <paramref name="path"/> with <paramref name="threads"/> intra-op threads.</summary>
    public static OnnxRuntimeModel Open(string path, int threads)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
        };
        return new OnnxRuntimeModel(options, new InferenceSession(path, options));
    }

    /// <summary>ONNX Runtime's version.</summary>
    public static string Version => OrtEnv.Instance().GetVersionString();

    /// <summary>The main output for a batch, copied out.</summary>
    public float[] Run(HostTensor batch)
    {
        using var feed = OrtValue.CreateTensorValueFromMemory(batch.Data, batch.Shape.Select(d => (long)d).ToArray());
        using var results = session.Run(run, [input], [feed], [output]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        run.Dispose();
        session.Dispose();
        options.Dispose();
    }
}
