using FluentNets.Data;
using FluentNets.Training;
using FluentNets.Zoo;

namespace FluentNets.Backends.Tests.TorchSharp.Training;

/// <summary>
/// Small members of the grouped, dense and normalised families learn a synthetic set: three Adam steps lower the
/// loss through the layers these families bring (grouped and depthwise convs, channel split and shuffle,
/// squeeze-and-excitation, dense concatenation, LayerNorm, layer scale, GELU, stochastic depth). NASNet's and
/// Inception-ResNet-v2's 770-layer graphs took minutes a model here and are left out. ConvNeXt takes a tenth of the
/// others' step: with Glorot-initialised weights Adam at 1e-3 raises its loss in PyTorch too (torchvision 0.14's
/// convnext_tiny, 8 such examples: 0.99, 8.16, 4.42; at 1e-4: 0.99, 1.12, 0.39).
/// </summary>
[Collection(nameof(TrainerTests))]
public class ZooTrainingTests
{
    [Theory]
    [InlineData("tv-shufflenet-v2-x0-5", 32, 1e-3)]
    [InlineData("tv-regnet-y-400mf", 32, 1e-3)]
    [InlineData("tv-densenet121", 32, 1e-3)]
    [InlineData("tv-convnext-tiny", 32, 1e-4)]
    public void AFewStepsLowerTheLoss(string model, int size, double learningRate)
    {
        var data = DataSets.Synthetic(Shape.Image(size, size, 3), classes: 4, count: 8, seed: 5);
        using var network = Cpu.Compile(ModelZoo.Get(model).Build(Shape.Image(size, size, 3), classes: 4), seed: 1);

        var losses = network.Fit(data, new FitOptions { Epochs = 3, BatchSize = 8, Seed = 2, Optimizer = Optimizer.Adam(learningRate) })
            .Epochs.Select(e => e.Loss).ToArray();

        Assert.True(losses[^1] < losses[0], $"{model}: losses {string.Join(", ", losses)}");
    }
}
