using FluentNets.Layers;
using FluentNets.Zoo;

namespace FluentNets.Dsl.Tests.Analysis;

public class NetworkAnalysisTests
{
    [Fact]
    public void MacsCountConvolutionsAndDenseLayers()
    {
        var analysis = ModelZoo.Get("lenet5").Build().Analysis;

        // conv: H_out W_out C_out K_h K_w C_in; dense: in x out.
        Assert.Equal(28 * 28 * 6 * 5 * 5 * 1, analysis["conv2d"].Macs);
        Assert.Equal(10 * 10 * 16 * 5 * 5 * 6, analysis["conv2d_1"].Macs);
        Assert.Equal(400 * 120, analysis["dense"].Macs);
        Assert.Equal(416_520, analysis.Macs);
        Assert.Equal(analysis.Macs, analysis.InferenceMacs);
    }

    [Fact]
    public void NothingElseCountsMacs()
    {
        var x = Net.Input(16, 16, 8);
        var y = x.ZeroPad(1).MaxPool(2).AvgPool(1).BatchNorm().Relu().Lrn().Dropout(0.1);
        var merged = Net.Concat(Net.Add(y, y), Net.Multiply(y, y.GlobalAvgPool().Softmax()));

        var analysis = Net.Concat(merged.GlobalMaxPool(), merged.Flatten()).ToNetwork().Analysis;

        Assert.Equal(0, analysis.Macs);
        Assert.All(analysis.Layers, r => Assert.Equal(0, r.Macs));
        Assert.Equal(new ParamCount(16, 16), analysis.Params);
    }

    [Fact]
    public void BatchNormAddsTwoCTrainableAndTwoCNonTrainableParams()
    {
        var analysis = Net.Input(8, 8, 3).Conv(16, 3, bias: false).BatchNorm().Relu().ToNetwork().Analysis;

        Assert.Equal(new ParamCount(3 * 3 * 3 * 16 + 2 * 16, 2 * 16), analysis.Params);
        Assert.Equal(464 + 32, analysis.Params.Total);
    }

    [Fact]
    public void ActivationMemoryIsFourBytesPerElementOfEveryLayer()
    {
        var analysis = ModelZoo.Get("lenet5").Build().Analysis;

        Assert.All(analysis.Layers, r => Assert.Equal(r.Shape.Elements * 4, r.ActivationBytes));
        Assert.Equal(28 * 28 * 6 * 4, analysis["conv2d"].ActivationBytes);
        Assert.Equal((1024 + 4704 + 1176 + 1600 + 400 + 400 + 120 + 84 + 10) * 4, analysis.ActivationBytes);
    }

    [Fact]
    public void AuxiliaryHeadsCountForTrainingOnly()
    {
        var net = Net.Input(8, 8, 4)
            .Aux("aux", h => h.Flatten().Dense(10))
            .Conv(4, 3).Flatten().Dense(10)
            .ToNetwork();

        var analysis = net.Analysis;

        Assert.Equal(256 * 10 + 10 + 148 + 144 * 10 + 10, analysis.Params.Total);
        Assert.Equal(148 + 144 * 10 + 10, analysis.InferenceParams.Total);
        Assert.Equal(2560 + 6 * 6 * 4 * 9 * 4 + 1440, analysis.Macs);
        Assert.Equal(6 * 6 * 4 * 9 * 4 + 1440, analysis.InferenceMacs);
        Assert.Equal([false, false], new[] { "aux/flatten", "aux/dense" }.Select(n => analysis[n].InInference));
    }

    [Fact]
    public void LayersAreFoundByName()
    {
        var analysis = ModelZoo.Get("lenet5").Build().Analysis;

        Assert.Equal(("Dense", Shape.Vector(84), 10_164L), (analysis["dense_1"].Type, analysis["dense_1"].Shape, analysis["dense_1"].Params.Total));
        Assert.Equal("No layer named 'fc9' in lenet5.", Assert.Throws<KeyNotFoundException>(() => analysis["fc9"]).Message);
    }
}
