using System.Text.Json;
using FluentNets.Zoo;

namespace FluentNets.Dsl.Tests.Summary;

public class SummaryJsonTests
{
    private static readonly string[] TopLevelFields =
        ["name", "input", "outputs", "total_params", "trainable_params", "non_trainable_params", "macs", "inference_params", "inference_macs", "activation_bytes", "auxiliary", "layers"];

    private static readonly string[] LayerFields =
        ["name", "type", "output_shape", "params", "trainable_params", "trainable", "macs", "inputs", "receptive_field"];

    [Fact]
    public void LeNet5HasTheDocumentedFields()
    {
        using var json = JsonDocument.Parse(ModelZoo.Get("lenet5").Build().Analysis.ToJson());
        var root = json.RootElement;

        Assert.Equal(TopLevelFields, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("lenet5", root.GetProperty("name").GetString());
        Assert.Equal([32, 32, 1], Ints(root.GetProperty("input")));
        Assert.Equal([10], Ints(root.GetProperty("outputs").GetProperty("dense_2")));
        Assert.Equal(61_706, root.GetProperty("total_params").GetInt64());
        Assert.Equal(416_520, root.GetProperty("macs").GetInt64());
        Assert.Equal(38_072, root.GetProperty("activation_bytes").GetInt64());

        var conv = root.GetProperty("layers")[1];
        Assert.Equal(LayerFields, conv.EnumerateObject().Select(p => p.Name));
        Assert.Equal("conv2d", conv.GetProperty("name").GetString());
        Assert.Equal("Conv2D", conv.GetProperty("type").GetString());
        Assert.Equal([28, 28, 6], Ints(conv.GetProperty("output_shape")));
        Assert.Equal(156, conv.GetProperty("params").GetInt64());
        Assert.Equal(["input_1"], conv.GetProperty("inputs").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal([5, 5], Ints(conv.GetProperty("receptive_field")));
    }

    [Theory]
    [InlineData("lenet5")]
    [InlineData("alexnet")]
    [InlineData("vgg16")]
    [InlineData("fashion-cnn")]
    public void TotalsAreTheSumOfTheLayerRows(string model)
    {
        using var json = JsonDocument.Parse(ModelZoo.Get(model).Build().Analysis.ToJson());

        AssertTotalsAddUp(json.RootElement);
    }

    [Fact]
    public void TotalsAddUpWithBatchNormAndAuxiliaryHeads()
    {
        var net = Net.Input(16, 16, 3)
            .Conv(8, 3).BatchNorm().Relu()
            .Aux("aux", h => h.GlobalAvgPool().Dense(10), lossWeight: 0.5)
            .Residual(r => r.Conv(16, 3, s: 2, pad: Padding.Same).BatchNorm())
            .GlobalAvgPool().Dense(10)
            .ToNetwork("with_aux");

        using var json = JsonDocument.Parse(net.Analysis.ToJson());
        var root = json.RootElement;

        AssertTotalsAddUp(root);
        Assert.Equal(net.Analysis.Params.NonTrainable, root.GetProperty("non_trainable_params").GetInt64());
        Assert.Equal(2 * 8 + 2 * 16 + 2 * 16, root.GetProperty("non_trainable_params").GetInt64());
        Assert.Equal(root.GetProperty("total_params").GetInt64() - 90, root.GetProperty("inference_params").GetInt64());
        var aux = Assert.Single(root.GetProperty("auxiliary").EnumerateArray().ToList());
        Assert.Equal(("aux", "aux/dense", 0.5), (aux.GetProperty("name").GetString(), aux.GetProperty("output").GetString(), aux.GetProperty("loss_weight").GetDouble()));
        Assert.Equal(["dense", "aux"], root.GetProperty("outputs").EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["residual/batch_normalization", "residual/shortcut_bn"],
            root.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("name").GetString() == "residual/add")
                .GetProperty("inputs").EnumerateArray().Select(i => i.GetString()));
    }

    private static void AssertTotalsAddUp(JsonElement root)
    {
        var layers = root.GetProperty("layers").EnumerateArray().ToList();
        long total = layers.Sum(l => l.GetProperty("params").GetInt64());
        long trainable = layers.Sum(l => l.GetProperty("trainable_params").GetInt64());

        Assert.Equal(total, root.GetProperty("total_params").GetInt64());
        Assert.Equal(trainable, root.GetProperty("trainable_params").GetInt64());
        Assert.Equal(total - trainable, root.GetProperty("non_trainable_params").GetInt64());
        Assert.Equal(layers.Sum(l => l.GetProperty("macs").GetInt64()), root.GetProperty("macs").GetInt64());
        Assert.Equal(layers.Sum(l => Ints(l.GetProperty("output_shape")).Aggregate(4L, (n, d) => n * d)), root.GetProperty("activation_bytes").GetInt64());
    }

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    [Fact]
    public void TheJsonIsIndentedAndRejectsANullAnalysis()
    {
        string json = Net.Input(8, 8, 3).ToNetwork().Analysis.ToJson();

        Assert.StartsWith("{\n  \"name\": \"model\",\n  \"input\": [\n    8,", json.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal("analysis", Assert.Throws<ArgumentNullException>(() => FluentNets.Summary.SummaryJson.Render(null!)).ParamName);
    }
}
