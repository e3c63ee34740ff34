using FluentNets.Backends;
using FluentNets.Backends.Reference;
using FluentNets.Benchmarks.Harness;
using FluentNets.Export;
using FluentNets.Export.Onnx;
using FluentNets.Export.PyTorch;
using FluentNets.Graph;
using FluentNets.Weights;
using FluentNets.Zoo;

namespace FluentNets.Benchmarks.Inference;

/// <summary>
/// One model's files for every contender of the inference section, in a folder of its own: the
/// weights every contender runs (seeded Keras initial weights, with each BatchNorm's statistics,
/// gamma and beta drawn away from 0 and 1 so that folding them changes the kernels), as FluentNets'
/// safetensors, its ONNX export and its PyTorch export (model.py and weights), and the seeded input
/// batches. Child processes (<see cref="InferenceMemory"/>) and the PyTorch peer read the same files.
/// </summary>
public sealed class InferenceWorkspace : IDisposable
{
    private const int Seed = 7;

    private InferenceWorkspace(string directory, Network network, IReadOnlyDictionary<string, HostTensor> state)
    {
        Directory = directory;
        Network = network;
        State = state;
    }

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>The zoo network at its published input.</summary>
    public Network Network { get; }

    /// <summary>The weights every contender runs, by FluentNets name.</summary>
    public IReadOnlyDictionary<string, HostTensor> State { get; }

    /// <summary>The weights as a FluentNets safetensors file.</summary>
    public string WeightsPath => Path.Combine(Directory, "weights.safetensors");

    /// <summary>FluentNets' ONNX export of the network with the weights.</summary>
    public string OnnxPath => Path.Combine(Directory, "model.onnx");

    /// <summary>FluentNets' PyTorch export: <c>model.py</c> and <c>weights.safetensors</c>.</summary>
    public string PyTorchFolder => Path.Combine(Directory, "pytorch");

    /// <summary>The seed the FluentNets contenders compile with (the state set afterwards replaces what it drew).</summary>
    public static int CompileSeed => Seed;

    /// <summary>Builds <paramref name="model"/> and writes its files under <paramref name="root"/>.</summary>
    /// <param name="model">Zoo name.</param>
    /// <param name="root">The folder that holds one folder per model.</param>
    /// <param name="threads">libtorch threads.</param>
    public static InferenceWorkspace Create(string model, string root, int threads)
    {
        var network = ModelZoo.Get(model).Build();
        string directory = Path.Combine(root, model);
        System.IO.Directory.CreateDirectory(directory);
        IReadOnlyDictionary<string, HostTensor> state;
        using (var compiled = BenchHeap.Backend(threads).Compile(network, Seed))
        {
            state = ReferenceComparison.WithBatchNormStatistics(network, compiled.GetState(), Seed);
        }

        var workspace = new InferenceWorkspace(directory, network, state);
        WeightFile.Save(workspace.WeightsPath, state);
        using (var stream = File.Create(workspace.OnnxPath))
        {
            Google.Protobuf.MessageExtensions.WriteTo(network.ToOnnx(state, NetworkMetadata.None), stream);
        }

        network.ExportPyTorch(workspace.PyTorchFolder, state, NetworkMetadata.None);
        return workspace;
    }

    /// <summary>Opens the files another process wrote for <paramref name="model"/> in <paramref name="directory"/>.</summary>
    public static InferenceWorkspace Open(string model, string directory) =>
        new(directory, ModelZoo.Get(model).Build(), new Dictionary<string, HostTensor>());

    /// <summary>The file holding <see cref="Input"/> for <paramref name="batch"/>, raw little-endian float32 in (N, C, H, W) order.</summary>
    public string InputPath(int batch) => Path.Combine(Directory, $"input-{batch}.bin");

    /// <summary>Where a contender's output for <paramref name="batch"/> goes, raw float32, for comparing.</summary>
    public string OutputPath(string contender, int batch) => Path.Combine(Directory, $"output-{contender}-{batch}.bin");

    /// <summary>A batch uniform in [-1, 1) from a seeded generator, written to <see cref="InputPath"/> on first use.</summary>
    public HostTensor Input(int batch)
    {
        int[] shape = HostTensor.BatchShape(Network.Input.Shape, batch);
        string path = InputPath(batch);
        if (File.Exists(path))
        {
            return new HostTensor(shape, RawFloats.Read(path));
        }

        var random = new Random(Seed + batch);
        var data = new float[shape.Aggregate(1, (n, d) => n * d)];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)((random.NextDouble() * 2) - 1);
        }

        RawFloats.Write(path, data);
        return new HostTensor(shape, data);
    }

    /// <summary>Deletes the folder.</summary>
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open in a child that outlived its timeout; the temp folder is the system's to clean.
        }
    }
}
