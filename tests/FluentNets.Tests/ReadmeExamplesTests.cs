using FluentNets.Backends;
using FluentNets.Backends.Reference;
using FluentNets.Backends.TorchSharp;
using FluentNets.Data;
using FluentNets.Training;
using FluentNets.Weights;
using FluentNets.Zoo;
using Microsoft.Extensions.DependencyInjection;

namespace FluentNets.Tests;

/// <summary>The code in README.md, so that it keeps compiling and meaning what the text says.</summary>
public class ReadmeExamplesTests
{
    [Fact]
    public void TheOpeningLeNetHasItsPublishedCounts()
    {
        var lenet = Net.Input(32, 32, 1)
            .Conv(6, 5, activation: Activation.Relu)
            .MaxPool(2, s: 2)
            .Conv(16, 5, activation: Activation.Relu)
            .MaxPool(2, s: 2)
            .Flatten()
            .Dense(120, activation: Activation.Relu)
            .Dense(84, activation: Activation.Relu)
            .Dense(10, activation: Activation.Softmax)
            .ToNetwork("lenet5");

        Assert.Equal(61_706, lenet.Analysis.Params.Total);
        Assert.Equal(416_520, lenet.Analysis.Macs);
    }

    [Fact]
    public void TheBackendsExampleCompilesATrainableNetworkWithoutACast()
    {
        var lenet = ModelZoo.Get("lenet5").Build();
        var services = new ServiceCollection()
            .AddFluentNets()
            .AddTorchSharpBackend(o => o.Device = "auto")
            .AddReferenceBackend();
        using var provider = services.BuildServiceProvider();
        var backend = provider.GetRequiredService<IBackendProvider>().GetTraining("torchsharp");
        using var compiled = backend.Compile(lenet, seed: 42);

        Assert.Equal(61_706, compiled.Parameters.Sum(p => p.Elements));
        Assert.Equal(
            "the reference backend runs networks but does not train them; backends that train: torchsharp.",
            Assert.Throws<NotSupportedException>(() => provider.GetRequiredService<IBackendProvider>().GetTraining("reference")).Message);
    }

    [Fact]
    public void TheBlocksExampleBuildsWithDerivedChannels()
    {
        var x = Net.Input(224, 224, 3).Conv(64, 7, s: 2, pad: Padding.Same).BatchNorm().Relu();
        x = x.Inception(64, (96, 128), (16, 32), 32, name: "inception_3a")
             .Aux("aux1", h => h.AvgPool(5, s: 3, pad: Padding.Same).Flatten().Dense(10), lossWeight: 0.3)
             .Repeat(3, (y, i) => y.Residual(b => b.Conv(256, 3, pad: Padding.Same).BatchNorm().Relu(),
                                             activation: Activation.Relu, name: $"res{i + 1}"))
             .SqueezeExcite(ratio: 16);
        var branched = x.Branches(b => b.Conv(64, 1), b => b.MaxPool(3, s: 1, pad: Padding.Same));

        Assert.Equal(Shape.Image(112, 112, 256), x.Shape);
        Assert.Equal(Shape.Image(112, 112, 320), branched.Shape);
        Assert.Equal("aux1", Assert.Single(x.Auxiliary).Name);
        Assert.DoesNotContain(x.ToNetwork().Analysis.Layers, l => l.Name.StartsWith("res1/shortcut", StringComparison.Ordinal));
    }

    [Fact]
    public void ThePyTorchSemanticsExampleGivesTheSizesItsCommentsSay()
    {
        var x = Net.Input(112, 112, 64);

        Assert.Equal(56, x.MaxPool(3, s: 2, ceilMode: true).Shape.Height);
        Assert.Equal(55, x.MaxPool(3, s: 2).Shape.Height);
        Assert.Equal(112, x.AvgPool(3, s: 1, pad: Padding.Explicit(1), countPadding: true).Shape.Height);
        Assert.Equal(Shape.Image(6, 6, 64), x.AdaptiveAvgPool((6, 6)).Shape);
        Assert.Equal(1e-5, ((Layers.BatchNormalization)x.TorchBatchNorm().Node.Layer).Epsilon);
        Assert.Equal(Shape.Vector(112 * 112 * 64), x.Flatten(order: Layers.FlattenOrder.ChannelsHeightWidth).Shape);
    }

    [Fact]
    public void TheInferenceExampleLoadsTheWeightsAsTrainedAndFoldsEveryBatchNorm()
    {
        using var temp = new Data.TempDirectory();
        string path = Path.Combine(temp.Path, "resnet50.safetensors");
        var network = FluentNets.Zoo.ModelZoo.Get("resnet50").Build(Shape.Image(32, 32, 3));
        var backend = new TorchSharpBackend(new TorchSharpBackendOptions { Device = "cpu" });
        using (var trained = backend.Compile(network, seed: 1))
        {
            trained.Save(path);
        }

        using var model = backend.CompileForInference(network);
        model.Load(path);
        var probabilities = model.Predict(new HostTensor([2, 3, 32, 32], new float[2 * 3 * 32 * 32]));

        Assert.Equal(53, model.FoldedLayers.Count);
        Assert.Equal([2, 1000], probabilities.Shape);
        Assert.Equal(1, probabilities.Data.Take(1000).Sum(), 4);
    }

    [Fact]
    public void TheTransferLearningExampleTrainsOnlyTheNewClassifier()
    {
        var network = FluentNets.Zoo.ModelZoo.Get("xception").Build(Shape.Image(150, 150, 3), classes: 5);
        var classifier = network.InferenceNodes.Last(n => n.Params.Total > 0);
        var headOnly = network.FreezeUpTo(classifier.Inputs[0]);

        // Dense(5) on Xception's 2048 pooled features: 2048 x 5 + 5.
        Assert.Equal(10_245, headOnly.Analysis.Params.Trainable);
        Assert.Equal(network.Analysis.Params.Total, headOnly.Analysis.Params.Total);
        Assert.Equal(network.Analysis.Params.Trainable, headOnly.Unfreeze().Analysis.Params.Trainable);
    }

    // The rest of README's transfer-learning program, compiled (not run: it needs a folder of photos and hours of CPU).
    internal static void TransferLearningProgram(Graph.Network headOnly)
    {
        var photos = ImageFolder.Load("flower_photos", headOnly.Input.Shape);
        var parts = photos.Data.Split([0.75, 0.15, 0.10], seed: 0);
        var train = parts[0].Preprocess(ImagePreprocessing.Tf).Augment(new Augmentation(HorizontalFlip: true)).Prefetch(4);
        var validation = parts[1].Preprocess(ImagePreprocessing.Tf).Prefetch(4);

        var backend = new TorchSharpBackend();
        using (var head = backend.Compile(headOnly, seed: 0))
        {
            head.Fit(train, new FitOptions { Epochs = 5, BatchSize = 32, Validation = validation,
                Optimizer = Optimizer.Sgd(0.2, momentum: 0.9, decay: 0.01) });
            head.Save("head.safetensors");
        }

        using var tuned = backend.Compile(headOnly.Unfreeze(), seed: 0);
        tuned.Load("head.safetensors");
        tuned.Fit(train, new FitOptions { Epochs = 10, BatchSize = 32, Validation = validation,
            Optimizer = Optimizer.Sgd(0.01, momentum: 0.9, decay: 0.001) });
    }
}
