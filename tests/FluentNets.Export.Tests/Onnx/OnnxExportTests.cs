using FluentNets.Backends;
using FluentNets.Export.Onnx;
using FluentNets.Layers;
using FluentNets.Weights;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FluentNets.Export.Tests.Onnx;

/// <summary>Exported ONNX models run by ONNX Runtime give the TorchSharp backend's outputs.</summary>
public class OnnxExportTests
{
    [Theory]
    [MemberData(nameof(Zoo.Models), MemberType = typeof(Zoo))]
    public void OnnxRuntimeGivesTheBackendsOutputsForBatchesOfOneAndThree(string name)
    {
        var network = Zoo.Small(name);
        using var compiled = Zoo.Compile(network);
        using var stream = new MemoryStream();
        network.ExportOnnx(stream, compiled.GetState());
        using var session = new InferenceSession(stream.ToArray());

        Assert.Equal([network.Input.Name], session.InputMetadata.Keys);
        Assert.Equal([network.Output.Name], session.OutputMetadata.Keys);
        Assert.Equal(-1, session.InputMetadata[network.Input.Name].Dimensions[0]);
        foreach (int batch in new[] { 1, 3 })
        {
            var input = Zoo.Input(network, batch);
            var expected = compiled.Forward(input)[network.Output.Name];
            using var feed = OrtValue.CreateTensorValueFromMemory(input.Data, input.Shape.Select(d => (long)d).ToArray());
            using var results = session.Run(new RunOptions(), [network.Input.Name], [feed], [network.Output.Name]);
            var actual = results[0];

            Assert.Equal(expected.Shape.Select(d => (long)d), actual.GetTensorTypeAndShape().Shape);
            double error = Zoo.RelativeError(actual.GetTensorDataAsSpan<float>().ToArray(), expected.Data);
            Assert.True(error <= 1e-4, $"{name} batch {batch}: relative error {error:E2}");
        }
    }

    [Fact]
    public void AZeroPaddingBeforeAMaxPoolKeepsItsZerosInOnnxRuntime()
    {
        // ONNX Runtime's PadFusion moves a zero Pad into a MaxPool with explicit pads, where padded cells count as -inf:
        // over negative values (ResNet50V2's stem pools an unactivated convolution) the result was 0.139 off.
        var network = Net.Input(17, 17, 3).Conv(8, 3).ZeroPad(1).MaxPool(3, s: 2).ToNetwork("padded_pool");
        using var compiled = Zoo.Compile(network);
        using var stream = new MemoryStream();
        network.ExportOnnx(stream, compiled.GetState());
        using var session = new InferenceSession(stream.ToArray());
        var input = Zoo.Input(network, 2);
        using var feed = OrtValue.CreateTensorValueFromMemory(input.Data, input.Shape.Select(d => (long)d).ToArray());

        using var results = session.Run(new RunOptions(), [network.Input.Name], [feed], [network.Output.Name]);

        var expected = compiled.Forward(input)[network.Output.Name];
        Assert.Contains(expected.Data, v => v < 0);
        Assert.True(Zoo.RelativeError(results[0].GetTensorDataAsSpan<float>().ToArray(), expected.Data) <= 1e-5);
    }

    [Fact]
    public void TheGraphKeepsLayerNamesDropsAuxiliaryHeadsAndCarriesMetadata()
    {
        var network = Zoo.Small("googlenet");
        using var compiled = Zoo.Compile(network);
        string[] classes = Enumerable.Range(0, 10).Select(i => $"class {i}").ToArray();

        var model = network.ToOnnx(compiled.GetState(), new NetworkMetadata(Preprocess: "caffe", ClassNames: classes));

        var nodeNames = model.Graph.Node.Select(n => n.Name).ToHashSet();
        Assert.All(network.InferenceNodes.Skip(1), n => Assert.Contains(n.Name, nodeNames));
        Assert.DoesNotContain(network.Nodes.Except(network.InferenceNodes), n => nodeNames.Contains(n.Name));
        Assert.NotEmpty(network.Auxiliary);
        Assert.Equal(OnnxExport.Opset, model.OpsetImport.Single().Version);
        var metadata = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("[\"class 0\",\"class 1\",\"class 2\",\"class 3\",\"class 4\",\"class 5\",\"class 6\",\"class 7\",\"class 8\",\"class 9\"]", metadata[OnnxExport.ClassNamesKey]);
        Assert.Equal("caffe", metadata[OnnxExport.PreprocessingKey]);
        using var session = new InferenceSession(Google.Protobuf.MessageExtensions.ToByteArray(model));
        Assert.Equal("caffe", session.ModelMetadata.CustomMetadataMap[OnnxExport.PreprocessingKey]);
    }

    [Fact]
    public void OnnxsOwnCheckerAcceptsTheModel()
    {
        Assert.SkipWhen(Python.WhyNot("onnx") is not null, Python.WhyNot("onnx") ?? "");
        using var temp = new TempDirectory();
        var network = Zoo.Small("xception");
        using var compiled = Zoo.Compile(network);
        string file = Path.Combine(temp.Path, "xception.onnx");
        using (var stream = File.Create(file))
        {
            network.ExportOnnx(stream, compiled.GetState());
        }

        var (code, stdout, stderr) = Python.Run(
            ["-c", "import onnx, sys; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); print(m.graph.input[0].type.tensor_type.shape.dim[0].dim_param)", file],
            temp.Path, TimeSpan.FromMinutes(2));

        Assert.True(code == 0, stderr);
        Assert.Equal("N", stdout.Trim());
    }

    [Fact]
    public void SamePaddingWithAnOddTotalIsWrittenAsUnevenExplicitPads()
    {
        // TensorFlow's SAME for a 3x3 stride-2 window on 8 rows pads 0 above and 1 below.
        var network = Net.Input(8, 8, 1).Conv(2, 3, s: 2, pad: Padding.Same, name: "conv").ToNetwork("same");
        using var compiled = Zoo.Compile(network);

        var conv = network.ToOnnx(compiled.GetState()).Graph.Node.Single(n => n.Name == "conv");

        Assert.Equal([0L, 0, 1, 1], conv.Attribute.Single(a => a.Name == "pads").Ints);
    }

    [Fact]
    public void ALayerWithoutAnOnnxFormIsNamedAndNothingIsWritten()
    {
        var network = Net.Input(8, 8, 4).Lrn(size: 4, name: "norm").ToNetwork("lrn");
        using var stream = new MemoryStream();

        var e = Assert.Throws<ExportException>(() => network.ExportOnnx(stream, new Dictionary<string, HostTensor>()));

        Assert.Equal(
            "norm (LocalResponseNormalization, input 8x8x4): cannot export to ONNX: ONNX's LRN centres an even window (size=4) differently from PyTorch and Keras; use an odd size.",
            e.Message);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void AMissingWeightIsNamedWithItsShape()
    {
        var network = Net.Input(8, 8, 1).Conv(2, 3, name: "conv").ToNetwork("one");

        var e = Assert.Throws<ExportException>(() => network.ToOnnx(new Dictionary<string, HostTensor>()));

        Assert.Equal("weights: expected a tensor 'conv.weight' of shape [2, 1, 3, 3], found none.", e.Message);
    }
}
