using FluentNets.Graph;
using FluentNets.Layers;
using FluentNets.Zoo;

namespace FluentNets.Dsl.Tests.Graph;

public class FreezingTests
{
    private static Network Lenet() => Classic.LeNet5(Shape.Image(32, 32, 1));

    [Fact]
    public void FreezingReturnsANewNetworkAndLeavesTheOriginalTrainable()
    {
        var net = Lenet();

        var frozen = net.Freeze();

        Assert.NotSame(net, frozen);
        Assert.False(net.HasFrozenLayers);
        Assert.All(net.Nodes, n => Assert.False(net.IsFrozen(n)));
        Assert.All(frozen.Nodes, n => Assert.True(frozen.IsFrozen(n)));
        Assert.Same(frozen.Output, net.Output);
    }

    [Fact]
    public void AFrozenLayersParametersCountAsNonTrainableAsKerasCountsThem()
    {
        // LeNet-5: conv2d has 6 x (5 x 5 x 1) + 6 = 156 weights, 61,706 in all.
        var net = Lenet().Freeze("conv2d");

        Assert.Equal(61_706, net.Analysis.Params.Total);
        Assert.Equal(61_706 - 156, net.Analysis.Params.Trainable);
        Assert.Equal(156, net.Analysis.Params.NonTrainable);
        Assert.Equal(new ParamCount(0, 156), net.Analysis["conv2d"].Params);
        Assert.Equal(new ParamCount(2416, 0), net.Analysis["conv2d_1"].Params);
    }

    [Fact]
    public void FreezeUpToAHandleFreezesTheBaseAndNotTheHead()
    {
        var features = Net.Input(16, 16, 3).Conv(8, 3).BatchNorm().Conv(8, 3).GlobalAvgPool();
        var net = features.Dense(5, activation: Activation.Softmax).ToNetwork("head_on_base");

        var frozen = net.FreezeUpTo(features.Node);

        Assert.Equal(
            ["input_1", "conv2d", "batch_normalization", "conv2d_1", "global_average_pooling2d"],
            frozen.Nodes.Where(frozen.IsFrozen).Select(n => n.Name));
        Assert.False(frozen.IsFrozen(frozen.Output));

        // Head: 8 x 5 + 5 = 45 trainable; base: 3x3x3x8+8 = 224, BN 4 x 8 = 32, 3x3x8x8+8 = 584.
        Assert.Equal(new ParamCount(45, 224 + 32 + 584), frozen.Analysis.Params);
    }

    [Fact]
    public void ABlockFreezesByItsName()
    {
        var net = Net.Input(8, 8, 3)
            .Block("block1", b => b.Conv(4, 3, pad: Padding.Same).Conv(4, 3, pad: Padding.Same))
            .Block("block2", b => b.Conv(4, 3, pad: Padding.Same))
            .GlobalAvgPool().Dense(2).ToNetwork();

        var frozen = net.Freeze("block1");

        Assert.Equal(["block1/conv2d", "block1/conv2d_1"], frozen.Nodes.Where(frozen.IsFrozen).Select(n => n.Name));
    }

    [Fact]
    public void UnfreezingGivesTheTrainableNetworkBack()
    {
        var net = Lenet().Freeze();

        var thawed = net.Unfreeze("dense_2");
        var all = net.Unfreeze();

        Assert.Equal(["dense_2"], thawed.Nodes.Where(n => !thawed.IsFrozen(n)).Select(n => n.Name));
        Assert.False(all.HasFrozenLayers);
        Assert.Equal(61_706, all.Analysis.Params.Trainable);
    }

    [Fact]
    public void AnUnknownNameIsRefusedWithTheNamesThatExist()
    {
        var error = Assert.Throws<ArgumentException>(() => Lenet().Freeze("block5"));

        Assert.StartsWith("block5: no layer or block of lenet5 has that name. Top-level names: input_1, conv2d, max_pooling2d, conv2d_1, max_pooling2d_1, flatten, dense, dense_1, dense_2.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANodeOfAnotherNetworkIsRefused()
    {
        var other = Net.Input(8, 8, 1).Conv(2, 3);

        var error = Assert.Throws<ArgumentException>(() => Lenet().FreezeUpTo(other.Node));

        Assert.StartsWith("conv2d: not a layer of lenet5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSummaryMarksFrozenRowsInKerasShowTrainableColumn()
    {
        // Keras 2's print_summary(show_trainable=True): the line grows by 11 and each row ends in Y or N.
        var table = Lenet().FreezeUpTo("max_pooling2d_1").Summary().Split('\n');

        Assert.Equal("Layer (type)                 Output Shape              Param #   Trainable" + new string(' ', 2), table[2]);
        Assert.Equal("conv2d (Conv2D)              (None, 28, 28, 6)         156       " + "N" + new string(' ', 10), table[4]);
        Assert.Equal("dense (Dense)                (None, 120)               48120     " + "Y" + new string(' ', 10), table[14]);
        Assert.Contains("Trainable params: 59,134 (230.99 KB)", table);
        Assert.Contains("Non-trainable params: 2,572 (10.05 KB)", table);
        Assert.Equal(76, table[1].Length);
    }

    [Fact]
    public void AnUnfrozenSummaryIsUnchanged()
    {
        Assert.Equal(Lenet().Summary(), Lenet().Freeze().Unfreeze().Summary());
        Assert.DoesNotContain("Trainable  ", Lenet().Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void FrozenLayersSurviveDroppingTheAuxiliaryHeads()
    {
        var net = ModelZoo.Get("googlenet").Build(Shape.Image(224, 224, 3)).Freeze();

        var main = net.WithoutAuxiliary();

        Assert.All(main.Nodes, n => Assert.True(main.IsFrozen(n)));
    }
}
