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
    /// Larger members of the mobile families, each represented by a small sibling built by the same code with the same
    /// layer kinds (mobilenet-v3-small, efficientnet-b0, efficientnet-v2-b0, tv-mobilenet-v3-small, tv-efficientnet-b0,
    /// tv-efficientnet-v2-s, tv-mnasnet0-5), so that CI does not allocate their 700 million parameters.
    /// </summary>
    public static readonly string[] Represented =
    [
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
