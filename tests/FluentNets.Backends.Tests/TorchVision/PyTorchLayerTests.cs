using FluentNets.Backends.Reference;
using FluentNets.Backends.TorchSharp;
using FluentNets.Graph;
using FluentNets.Layers;
using FluentNets.Weights;

namespace FluentNets.Backends.Tests.TorchVision;

/// <summary>
/// Ceil-mode pooling, padding-counting averages, adaptive pooling and (C, H, W) flattening in both
/// backends against what PyTorch 1.13 computed for the same input (layers.pt).
/// </summary>
public class PyTorchLayerTests(TorchVisionFiles files)
{
    public static TheoryData<string> Cases => new()
    {
        "max_ceil", "max_ceil_last_in_padding", "avg_ceil_count_pad", "avg_ceil", "avg_count_pad", "avg_2x2_ceil_count_pad",
        "avg_unpadded_ceil", "adaptive_4x6", "adaptive_3x5", "adaptive_9x11", "flatten", "max_ceil_past_input", "avg_ceil_past_input",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BothBackendsComputeWhatPyTorchComputes(string name)
    {
        var torch = PyTorchWeights.Read(files.PathOf("layers.pt"));
        var network = Layer(name, Net.Input(7, 9, 3));
        Assert.Equal(torch[name].Shape.Skip(1), HostTensor.BatchShape(network.Output.Shape, 2).Skip(1));

        using var torchSharp = Cpu.Compile(network);
        using var reference = new ReferenceBackend(new ReferenceBackendOptions { Precision = Precision.Float64 }).Compile(network, 1);

        Close(torch[name], torchSharp.Infer(torch["input"]));
        Close(torch[name], reference.Infer(torch["input"]));
    }

    [Theory]
    [InlineData(PoolKind.Max, true, false)]
    [InlineData(PoolKind.Average, true, false)]
    [InlineData(PoolKind.Average, true, true)]
    [InlineData(PoolKind.Average, false, true)]
    public void UnevenPadsInCeilModeAgreeBetweenTheBackends(PoolKind kind, bool ceilMode, bool countPadding)
    {
        // PyTorch has no uneven pooling pads; libtorch's padded path and the reference's loops check each other.
        var x = Net.Input(7, 9, 3);
        var pads = Padding.Explicit(1, 0, 0, 1);
        var network = (kind == PoolKind.Max
            ? x.MaxPool(3, s: 2, pad: pads, ceilMode: ceilMode)
            : x.AvgPool(3, s: 2, pad: pads, ceilMode: ceilMode, countPadding: countPadding)).ToNetwork();

        var input = Cpu.Random([2, 3, 7, 9]);
        using var torchSharp = Cpu.Compile(network);
        using var reference = new ReferenceBackend(new ReferenceBackendOptions { Precision = Precision.Float64 }).Compile(network, 1);

        Close(reference.Infer(input), torchSharp.Infer(input));
    }

    private static Network Layer(string name, Net<Image> x) => name switch
    {
        "max_ceil" => x.MaxPool(3, s: 2, pad: Padding.Explicit(1), ceilMode: true).ToNetwork(),
        "max_ceil_last_in_padding" => x.MaxPool(2, s: 2, pad: Padding.Explicit(1), ceilMode: true).ToNetwork(),
        "avg_ceil_count_pad" => x.AvgPool(3, s: 2, pad: Padding.Explicit(1), ceilMode: true, countPadding: true).ToNetwork(),
        "avg_ceil" => x.AvgPool(3, s: 2, pad: Padding.Explicit(1), ceilMode: true).ToNetwork(),
        "avg_count_pad" => x.AvgPool(3, s: 1, pad: Padding.Explicit(1), countPadding: true).ToNetwork(),
        "avg_2x2_ceil_count_pad" => x.AvgPool(2, s: 2, pad: Padding.Explicit(1), ceilMode: true, countPadding: true).ToNetwork(),
        "avg_unpadded_ceil" => x.AvgPool(2, s: 2, ceilMode: true).ToNetwork(),
        "adaptive_4x6" => x.AdaptiveAvgPool((4, 6)).ToNetwork(),
        "adaptive_3x5" => x.AdaptiveAvgPool((3, 5)).ToNetwork(),
        "adaptive_9x11" => x.AdaptiveAvgPool((9, 11)).ToNetwork(),
        "flatten" => x.Flatten(order: FlattenOrder.ChannelsHeightWidth).ToNetwork(),

        // An 8x8 window on 7 rows: one window, over the 7 rows there are, as SqueezeNet's last pool at its smallest input.
        "max_ceil_past_input" => x.MaxPool(8, s: 4, ceilMode: true).ToNetwork(),
        "avg_ceil_past_input" => x.AvgPool(8, s: 4, ceilMode: true).ToNetwork(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
    };

    private static void Close(HostTensor expected, HostTensor actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        for (int i = 0; i < expected.Data.Length; i++)
        {
            Assert.True(Math.Abs(expected.Data[i] - actual.Data[i]) <= 1e-5, $"element {i}: expected {expected.Data[i]}, actual {actual.Data[i]}");
        }
    }
}
