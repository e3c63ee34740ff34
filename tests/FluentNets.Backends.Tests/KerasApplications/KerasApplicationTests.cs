using FluentNets.Graph;
using FluentNets.Layers;
using FluentNets.Summary;
using FluentNets.Weights;
using FluentNets.Zoo;

namespace FluentNets.Backends.Tests.KerasApplications;

/// <summary>
/// keras.applications' DenseNet, ResNetV2, InceptionResNetV2, NASNet and ConvNeXt against keras_rest.py's rebuild of
/// Keras 3's source: the legacy .h5 under Keras's layer names loads by name, the outputs agree within 1e-4 of their
/// largest magnitude, the counts are Keras's to the unit, and the layers are Keras's, in model.layers order.
/// </summary>
public class KerasApplicationTests(KerasApplicationFiles files) : IClassFixture<KerasApplicationFiles>
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> WithTop => new(KerasApplicationFiles.Written);

    public static TheoryData<string> WithoutTop => new(KerasApplicationFiles.NoTop);

    [Theory]
    [MemberData(nameof(WithTop))]
    public void TheKerasFileLoadsByNameAndGivesKerasOutputs(string model)
    {
        var fixture = files.Fixture(model);
        var network = ModelZoo.Get(model).Build(InputOf(fixture), fixture.Output.Shape[1]);
        using var compiled = Cpu.Compile(network);

        compiled.LoadWeights(files.Weights(model));

        Assert.Equal((fixture.Total, fixture.Trainable, fixture.NonTrainable), (network.Analysis.Params.Total, network.Analysis.Params.Trainable, network.Analysis.Params.NonTrainable));
        AssertClose(fixture.Output, compiled.Infer(fixture.Input));
    }

    [Theory]
    [MemberData(nameof(WithTop))]
    public void TheLayersAreKerasLayersInModelLayersOrderWithTheirParameters(string model)
    {
        var fixture = files.Fixture(model);
        var network = ModelZoo.Get(model).Build(InputOf(fixture), fixture.Output.Shape[1]);
        var expected = Flat(fixture.Layers).Select(l => (l.Name, l.ClassName, l.Parameters)).ToArray();

        var ordered = KerasLayerOrder.Of(network).Where(n => !IsKerasOp(model, n)).Select(n => (n.Name, n.Layer.KerasType, network.Analysis[n.Name].Params.Total));
        var summary = SummaryRow.Of(network.Analysis, 0).Where(r => !IsKerasOp(model, network.Nodes.Single(n => n.Name == r.Name))).Select(r => (r.Name, r.Type, r.Params.Total));

        Assert.Equal(expected, ordered);
        Assert.Equal(expected.Order(), summary.Order());
    }

    [Theory]
    [MemberData(nameof(WithoutTop))]
    public void WithoutTheTopTheKerasFileGivesKerasFeatures(string model)
    {
        var fixture = files.Fixture(model, top: false);
        var last = fixture.Layers[^1];
        var pooling = last.ClassName switch
        {
            "GlobalAveragePooling2D" => Pooling.Avg,
            "GlobalMaxPooling2D" => Pooling.Max,
            _ => fixture.Layers[^2].ClassName switch
            {
                // ConvNeXt normalises its pooled features.
                "GlobalAveragePooling2D" => Pooling.Avg,
                "GlobalMaxPooling2D" => Pooling.Max,
                _ => Pooling.None,
            },
        };
        var network = ModelZoo.Get(model).Build(InputOf(fixture), includeTop: false, pooling: pooling);
        using var compiled = Cpu.Compile(network);

        compiled.LoadWeights(files.Weights(model, top: false));

        Assert.Equal((fixture.Total, fixture.NonTrainable), (network.Analysis.Params.Total, network.Analysis.Params.NonTrainable));
        AssertClose(fixture.Output, compiled.Infer(fixture.Input));
    }

    [Fact]
    public void ConvNeXtsSequentialGroupsLoadAsTheirLayersAndItsLayerScalesAsVariables()
    {
        string path = files.Weights("convnext-tiny");
        var network = ModelZoo.Get("convnext-tiny").Build(Shape.Image(32, 32, 3), 10);

        var state = WeightFiles.Read(path, network);

        // The stem's Sequential group holds convnext_tiny_stem_conv/kernel:0 and its LayerNorm's gamma and beta;
        // each LayerScale's weight is variable, variable_1, ... in the order Keras built them.
        Assert.Equal([96, 3, 4, 4], state["convnext_tiny_stem_conv.weight"].Shape);
        Assert.Equal([96], state["convnext_tiny_stem_layernorm.weight"].Shape);
        Assert.Equal([96, 1, 1], state["convnext_tiny_stage_0_block_0_layer_scale"].Shape);
        Assert.Equal([768, 1, 1], state["convnext_tiny_stage_3_block_2_layer_scale"].Shape);
    }

    /// <summary>The fixture's input shape as the zoo's HxWxC.</summary>
    private static Shape InputOf(KerasFixture fixture) =>
        Shape.Image(fixture.Input.Shape[2], fixture.Input.Shape[3], fixture.Input.Shape[1]);

    /// <summary>model.layers with each Sequential (ConvNeXt's stem and downsampling steps) replaced by its layers, as the network has them.</summary>
    private static IEnumerable<KerasLayer> Flat(IEnumerable<KerasLayer> layers) =>
        layers.SelectMany(l => l.ClassName == "Sequential" ? Flat(l.Inner) : [l]);

    /// <summary>ConvNeXt's residual sums: keras.ops additions in Keras, which model.layers does not list; Add layers here.</summary>
    private static bool IsKerasOp(string model, Node node) =>
        model.StartsWith("convnext", StringComparison.Ordinal) && node.Layer is Add;

    private static void AssertClose(HostTensor expected, HostTensor actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        double scale = expected.Data.Max(v => Math.Abs((double)v));
        double worst = expected.Data.Zip(actual.Data, (e, a) => Math.Abs((double)e - a)).Max();
        Assert.True(worst <= Tolerance * scale, $"largest difference {worst:G4} exceeds {Tolerance} x {scale:G4} (the outputs' largest magnitude)");
    }
}
