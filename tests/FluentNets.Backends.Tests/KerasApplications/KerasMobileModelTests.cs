using FluentNets.Backends.Reference;
using FluentNets.Summary;
using FluentNets.Weights;

[assembly: AssemblyFixture(typeof(FluentNets.Backends.Tests.KerasApplications.KerasMobileFiles))]

namespace FluentNets.Backends.Tests.KerasApplications;

/// <summary>
/// keras.applications' MobileNet, MobileNetV2, MobileNetV3, EfficientNet and EfficientNetV2 against Keras 3's own layer
/// definitions (keras_mobile.py): a legacy <c>.h5</c> under keras.applications' layer names loads by name, the outputs
/// for the same input agree with Keras's (to float64 rounding on the float64 reference backend, within 1e-4 of their
/// largest magnitude or what float32 allows on TorchSharp), the counts are Keras's to the unit, and the summary lists
/// Keras's layers with their classes, inputs and order.
/// </summary>
public class KerasMobileModelTests(KerasMobileFiles files)
{
    // In float64 the network is Keras's computation itself: what remains is the output's rounding to float32.
    [Theory]
    [MemberData(nameof(KerasMobileFiles.Names), MemberType = typeof(KerasMobileFiles))]
    public void OnTheFloat64ReferenceBackendTheH5GivesKerasOutputs(string name)
    {
        var manifest = files.Manifest(name);
        var network = KerasMobileFiles.Build(name, manifest);
        using var compiled = new ReferenceBackend(new ReferenceBackendOptions { Precision = Precision.Float64 }).Compile(network, 1);

        compiled.LoadWeights(files.PathOf($"{name}.h5"));
        var output = compiled.Forward(KerasMobileFiles.Tensor(manifest, "input"))[network.Output.Name];

        Assert.InRange(RelativeError(KerasMobileFiles.Tensor(manifest, "output"), output), 0, 1e-6);
    }

    // In float32 the fixtures at 48x48 amplify rounding (float32_error: PyTorch's own float32 pass of the same Keras
    // model, up to 5e-4 in CI); the TorchSharp backend is held to 1e-4, or to four times what PyTorch's float32 gives.
    [Theory]
    [MemberData(nameof(KerasMobileFiles.Names), MemberType = typeof(KerasMobileFiles))]
    public void OnTorchSharpTheH5LoadsByNameAndGivesKerasOutputsAndCounts(string name)
    {
        var manifest = files.Manifest(name);
        var network = KerasMobileFiles.Build(name, manifest);
        using var compiled = Cpu.Compile(network);

        compiled.LoadWeights(files.PathOf($"{name}.h5"));
        var output = compiled.Infer(KerasMobileFiles.Tensor(manifest, "input"));

        double tolerance = Math.Max(1e-4, 4 * manifest.GetProperty("float32_error").GetDouble());
        Assert.InRange(RelativeError(KerasMobileFiles.Tensor(manifest, "output"), output), 0, tolerance);
        var counts = manifest.GetProperty("params");
        Assert.Equal(
            (counts.GetProperty("total").GetInt64(), counts.GetProperty("trainable").GetInt64(), counts.GetProperty("non_trainable").GetInt64()),
            (network.Analysis.Params.Total, network.Analysis.Params.Trainable, network.Analysis.Params.NonTrainable));
    }

    // Keras's model.summary() lists model._operations: its layers, and the keras.ops operations between them
    // (MobileNetV3's hard-sigmoid `x + 3.0` and `* (1 / 6)`), which the zoo writes as Rescaling layers of the same names.
    [Theory]
    [MemberData(nameof(KerasMobileFiles.Names), MemberType = typeof(KerasMobileFiles))]
    public void TheSummaryListsKerasOperationsWithTheirClassesAndInputsInKerasOrder(string name)
    {
        var manifest = files.Manifest(name);
        var network = KerasMobileFiles.Build(name, manifest);
        var layers = manifest.GetProperty("layers").EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!);
        var expected = manifest.GetProperty("operations").EnumerateArray().Select(o =>
        {
            string operation = o.GetProperty("name").GetString()!;
            bool layer = o.GetProperty("layer").GetBoolean();
            var inbound = (layer ? layers[operation] : o).TryGetProperty("inbound", out var i) ? i.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
            return (Name: operation, Type: layer ? o.GetProperty("class_name").GetString()! : "Rescaling", Inputs: string.Join(", ", inbound));
        }).ToArray();

        var rows = SummaryRow.Of(network.Analysis, depth: 0).Select(r => (r.Name, r.Type, Inputs: string.Join(", ", r.Inputs)));

        Assert.Equal(expected.OrderBy(e => e.Name, StringComparer.Ordinal), rows.OrderBy(r => r.Name, StringComparer.Ordinal));
        Assert.Equal(expected.Select(e => e.Name), KerasLayerOrder.Of(network).Select(n => n.Name));
    }

    [Fact]
    public void TheScriptWroteTheFixturesOfThisRun()
    {
        var written = Directory.GetFiles(files.PathOf(""), "*.json").Select(Path.GetFileNameWithoutExtension);

        Assert.Equal(KerasMobileFiles.Written.Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));
    }

    /// <summary>The largest difference relative to the largest expected magnitude.</summary>
    private static double RelativeError(HostTensor expected, HostTensor actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        double scale = expected.Data.Max(v => Math.Abs((double)v));
        return expected.Data.Zip(actual.Data, (e, a) => Math.Abs((double)e - a)).Max() / scale;
    }
}
