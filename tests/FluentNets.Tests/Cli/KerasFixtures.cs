using FluentNets.Zoo;

namespace FluentNets.Tests.Cli;

/// <summary>
/// The small Keras files that keras_files.py writes (tests/FluentNets.Backends.Tests/Interop) and the
/// network they hold, as a one-model zoo the CLI can be given.
/// </summary>
internal static class KerasFixtures
{
    /// <summary>The fixtures' network, under the name <c>small</c>.</summary>
    public static readonly ZooModel[] Models =
    [
        new("small", "Test", "the Keras fixtures' network", Shape.Image(6, 6, 3), 6, (input, top) =>
            Net.Input(input.Height, input.Width, input.Channels)
                .Conv(4, 3, pad: Padding.Same, name: "conv").BatchNorm(name: "bn").Relu(name: "relu")
                .DepthwiseConv(3, depthMultiplier: 2, pad: Padding.Same, name: "dw").BatchNorm(scale: false, name: "bn_noscale")
                .SeparableConv(5, 3, pad: Padding.Same, name: "sep")
                .Flatten(name: "flatten")
                .Dense(top.Classes, name: "fc")
                .ToNetwork("small")),
    ];

    /// <summary>The path of the fixture file <paramref name="name"/>, copied beside the tests.</summary>
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
