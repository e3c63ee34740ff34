using FluentNets.Graph;
using FluentNets.Layers;
using FluentNets.Zoo;

namespace FluentNets.Backends.Tests.TorchSharp;

/// <summary>Every zoo model compiles on the CPU to the DSL's parameter counts and output shapes.</summary>
public class ModelZooTests
{
    // Image sizes tried, smallest first, for the forward pass: the smallest one the model builds at.
    private static readonly int[] Sizes = [32, 48, 64, 75, 96, 128, 160, 192, 224, 256, 299, 331];

    /// <summary>
    /// Models left out to keep CI within its time, each represented by the smallest member of its family with the same
    /// layer kinds, which is compiled and run: densenet169/201 by densenet121, resnet101/152-v2 by resnet50-v2,
    /// nasnet-large by nasnet-mobile, convnext-small to -xlarge by convnext-tiny, the other ResNeXts and the Wide ResNets
    /// by tv-resnext50-32x4d, the other RegNets by tv-regnet-x-400mf and tv-regnet-y-400mf, the other ShuffleNets by
    /// tv-shufflenet-v2-x0-5, tv-squeezenet1-1 by tv-squeezenet1-0, the other DenseNets by tv-densenet121, the other
    /// ConvNeXts by tv-convnext-tiny, the other VGGs by tv-vgg11-bn and tv-vgg16 (together 3.6 billion parameters); the
    /// larger mobile models by mobilenet-v3-small, efficientnet-b0, efficientnet-v2-b0, tv-mobilenet-v3-small,
    /// tv-efficientnet-b0, tv-efficientnet-v2-s and tv-mnasnet0-5 (700 million parameters).
    /// </summary>
    public static readonly string[] Represented =
    [
        "densenet169", "densenet201", "resnet101-v2", "resnet152-v2", "nasnet-large", "convnext-small", "convnext-base", "convnext-large", "convnext-xlarge",
        "tv-resnext101-32x8d", "tv-resnext101-64x4d", "tv-wide-resnet50-2", "tv-wide-resnet101-2",
        "tv-regnet-x-800mf", "tv-regnet-x-1-6gf", "tv-regnet-x-3-2gf", "tv-regnet-x-8gf", "tv-regnet-x-16gf", "tv-regnet-x-32gf",
        "tv-regnet-y-800mf", "tv-regnet-y-1-6gf", "tv-regnet-y-3-2gf", "tv-regnet-y-8gf", "tv-regnet-y-16gf", "tv-regnet-y-32gf", "tv-regnet-y-128gf",
        "tv-shufflenet-v2-x1-0", "tv-shufflenet-v2-x1-5", "tv-shufflenet-v2-x2-0", "tv-squeezenet1-1",
        "tv-densenet161", "tv-densenet169", "tv-densenet201", "tv-convnext-small", "tv-convnext-base", "tv-convnext-large",
        "tv-vgg11", "tv-vgg13", "tv-vgg13-bn", "tv-vgg16-bn", "tv-vgg19", "tv-vgg19-bn",
        "mobilenet-v3-large", "tv-mobilenet-v3-large",
        .. Enumerable.Range(1, 7).SelectMany(b => new[] { $"efficientnet-b{b}", $"tv-efficientnet-b{b}" }),
        "efficientnet-v2-b1", "efficientnet-v2-b2", "efficientnet-v2-b3", "efficientnet-v2-s", "efficientnet-v2-m", "efficientnet-v2-l",
        "tv-efficientnet-v2-m", "tv-efficientnet-v2-l", "tv-mnasnet0-75", "tv-mnasnet1-0", "tv-mnasnet1-3",
    ];

    public static TheoryData<string> Models => new(ModelZoo.All.Select(m => m.Name).Except(Represented));

    [Theory]
    [MemberData(nameof(Models))]
    public void TheCompiledStateHasTheDslParameterCountsAtTheDefaultInput(string name)
    {
        var network = ModelZoo.Get(name).Build();
        using var compiled = Cpu.Compile(network);

        var counts = new ParamCount(
            compiled.Parameters.Where(p => p.Trainable).Sum(p => p.Elements),
            compiled.Parameters.Where(p => !p.Trainable).Sum(p => p.Elements));

        Assert.Equal(network.Analysis.Params, counts);
        Assert.Equal(
            ParameterLayout.Of(network).Select(p => (p.Name, p.ShapeText, p.Trainable)),
            compiled.Parameters.Select(p => (p.Name, p.ShapeText, p.Trainable)));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ABatchOfTwoGivesEveryOutputInTheDslShape(string name)
    {
        var network = Smallest(ModelZoo.Get(name));
        using var compiled = Cpu.Compile(network);
        var input = Cpu.Random(HostTensor.BatchShape(network.Input.Shape, 2));

        var inference = compiled.Forward(input);
        var training = network.Auxiliary.Count > 0 ? compiled.Forward(input, training: true) : inference;

        Assert.Equal([network.Output.Name], inference.Keys);
        Assert.Equal(network.Outputs.Select(o => o.Name), training.Keys);
        foreach (var (output, node) in network.Outputs)
        {
            Assert.Equal(HostTensor.BatchShape(node.Shape, 2), training[output].Shape);
            Assert.All(training[output].Data, v => Assert.True(float.IsFinite(v), $"{output} has {v}"));
        }
    }

    private static Network Smallest(ZooModel model)
    {
        var input = model.DefaultInput;
        foreach (int size in Sizes.Where(s => s < input.Height && s < input.Width))
        {
            try
            {
                return model.Build(Shape.Image(size, size, input.Channels));
            }
            catch (NetBuildException)
            {
                // Too small for this architecture; try the next size.
            }
        }

        return model.Build();
    }
}
