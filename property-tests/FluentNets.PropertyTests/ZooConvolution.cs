using FluentNets.Graph;
using FluentNets.Layers;
using FluentNets.Zoo;
using FsCheck;
using FsCheck.Fluent;

namespace FluentNets.PropertyTests;

/// <summary>
/// A Conv2D as one of the zoo's networks has it at its published input (channel counts such as 24,
/// 48, 96 and 192, 1x7 and 7x1 kernels, stride-2 1x1 projections), on an input whose side is at
/// most <see cref="MaxSide"/>, and smaller where the convolution would cost more than
/// <see cref="MaxMacs"/> per image, so the reference backend stays quick.
/// </summary>
/// <param name="Channels">Input channels.</param>
/// <param name="Side">Input height and width.</param>
/// <param name="Layer">The zoo's Conv2D spec, as it is.</param>
/// <param name="Source">The zoo layer it comes from, for a failure's message.</param>
public sealed record ZooConvolution(int Channels, int Side, Conv2D Layer, string Source)
{
    /// <summary>The largest input side drawn: GoogLeNet's 14x14 and 28x28 modules are where oneDNN was found wrong.</summary>
    public const int MaxSide = 28;

    /// <summary>The most multiply-accumulates per image a drawn convolution costs.</summary>
    public const long MaxMacs = 5_000_000;

    private static readonly Lazy<ZooConvolution[]> All = new(() => ModelZoo.All
        .SelectMany(m => m.Build().Nodes.Where(n => n.Layer is Conv2D).Select(n => (Model: m.Name, Node: n)))
        .Select(p => Affordable(p.Node.Inputs[0].Shape.Channels, p.Node.Inputs[0].Shape.Height, (Conv2D)p.Node.Layer, $"{p.Model} {p.Node.Name}"))
        .OfType<ZooConvolution>()
        .DistinctBy(c => (c.Channels, c.Side, c.Layer with { L2 = 0, Activation = Activation.None }))
        .ToArray());

    /// <summary>Every distinct zoo convolution, one drawn uniformly.</summary>
    public static Gen<ZooConvolution> Generator => Gen.Elements(All.Value);

    /// <summary>The convolution alone on a <see cref="Side"/>x<see cref="Side"/> input of <see cref="Channels"/> channels.</summary>
    public Network Build() =>
        Net.Input(Side, Side, Channels)
            .Conv(Layer.Filters, Layer.Kernel, Layer.Stride, Layer.Padding, Layer.Dilation, Layer.Groups, Layer.UseBias, Layer.Activation, name: "conv")
            .ToNetwork("zoo_convolution");

    // The largest side up to MaxSide at which the convolution builds and costs at most MaxMacs; null when none does.
    private static ZooConvolution? Affordable(int channels, int height, Conv2D layer, string source)
    {
        for (int side = Math.Min(height, MaxSide); side > 0; side--)
        {
            var convolution = new ZooConvolution(channels, side, layer, source);
            try
            {
                if (convolution.Build().Analysis.InferenceMacs <= MaxMacs)
                {
                    return convolution;
                }
            }
            catch (NetBuildException)
            {
                return null;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Source}: {Layer.Kernel.H}x{Layer.Kernel.W}/{Layer.Stride.H} conv {Channels}->{Layer.Filters} at {Side}x{Side}";
}
