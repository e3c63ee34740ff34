using BenchmarkDotNet.Attributes;
using FluentNets.Graph;
using FluentNets.Zoo;

namespace FluentNets.Benchmarks.Dsl;

/// <summary>
/// What the DSL costs before any tensor exists: building a network from fluent calls, and building
/// it then analysing it in full (shapes, parameter counts, MACs, receptive fields) and rendering the
/// Keras summary text. Each operation starts from nothing: the analysis is cached per network, so
/// every invocation builds a new one.
/// </summary>
[MemoryDiagnoser]
public class DslBenchmarks
{
    /// <summary>
    /// The models timed: two zoo models, the bench's own 152-layer ResNet, and <see cref="ScaleNetworks"/>'
    /// chains of 10,000 and 100,000 automatically named layers and concatenation of 10,000 branches.
    /// </summary>
    public static readonly string[] Models = ["resnet50", "inception-v3", "resnet152", .. ScaleNetworks.Cases.Keys];

    /// <summary>The model of this case.</summary>
    [ParamsSource(nameof(ModelNames))]
    public string Model { get; set; } = "resnet50";

    /// <summary>BenchmarkDotNet's source of <see cref="Model"/>.</summary>
    public static IEnumerable<string> ModelNames => Models;

    /// <summary>Builds the network.</summary>
    [Benchmark]
    public Network Build() => BuildModel(Model);

    /// <summary>Builds the network, analyses it and renders its summary; returns the summary's length.</summary>
    [Benchmark]
    public int BuildAndAnalyse()
    {
        var network = BuildModel(Model);
        var analysis = network.Analysis;
        return network.Summary().Length + analysis.Layers.Count + (int)(analysis.InferenceMacs & 1);
    }

    /// <summary>A model by name: a zoo model with its published input, <c>resnet152</c> or a <see cref="ScaleNetworks"/> case.</summary>
    public static Network BuildModel(string name) =>
        name == "resnet152" ? ResNet152.Build()
        : ScaleNetworks.Cases.TryGetValue(name, out var build) ? build()
        : ModelZoo.Get(name).Build();
}
