using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Blocks;

public class ResidualTests
{
    [Fact]
    public void SeedThreesIdentityResidualHas394886Params()
    {
        var net = Net.Input(32, 32, 3)
            .Residual(
                r => r.Conv(3, 3, pad: Padding.Same, activation: Activation.Relu)
                    .Conv(3, 3, pad: Padding.Same, activation: Activation.Relu)
                    .Conv(3, 3, pad: Padding.Same, activation: Activation.Relu),
                shortcut: Shortcut.Identity)
            .Flatten()
            .Dense(128, activation: Activation.Relu)
            .Dense(10, activation: Activation.Softmax)
            .ToNetwork();

        Assert.Equal(394_886, net.Analysis.Params.Total);
        Assert.Equal(["residual/conv2d_2", "input_1"], net.Analysis["residual/add"].Node.Inputs.Select(n => n.Name));
    }

    [Fact]
    public void AutoKeepsTheIdentityWhenTheBodyKeepsTheShape()
    {
        var y = Net.Input(56, 56, 64).Residual(r => r.Conv(64, 3, pad: Padding.Same).BatchNorm().Relu().Conv(64, 3, pad: Padding.Same).BatchNorm());

        var names = y.ToNetwork().Nodes.Select(n => n.Name).ToList();

        Assert.DoesNotContain("residual/shortcut_conv", names);
        Assert.Equal("residual/add", y.Name);
        Assert.Equal("input_1", y.Node.Inputs[1].Name);
    }

    [Theory]
    [InlineData(1.001e-5, 0.99, null, null, 1.001e-5, 0.99)] // keras.applications' ResNet50: the body's epsilon
    [InlineData(1e-5, 0.9, null, null, 1e-5, 0.9)] // torchvision's BatchNorm2d in Keras's terms
    [InlineData(1.001e-5, 0.99, 1e-4, 0.8, 1e-4, 0.8)] // given settings win
    public void TheProjectionsBatchNormFollowsTheBlocks(double bodyEpsilon, double bodyMomentum, double? epsilon, double? momentum, double wantedEpsilon, double wantedMomentum)
    {
        var y = Net.Input(56, 56, 64).Residual(
            r => r.Conv(128, 3, s: 2, pad: Padding.Same).BatchNorm(bodyMomentum, bodyEpsilon).Relu().Conv(128, 3, pad: Padding.Same).BatchNorm(bodyMomentum, bodyEpsilon),
            epsilon: epsilon,
            momentum: momentum);

        var bn = Assert.IsType<BatchNormalization>(y.ToNetwork().Analysis["residual/shortcut_bn"].Node.Layer);

        Assert.Equal((wantedEpsilon, wantedMomentum), (bn.Epsilon, bn.Momentum));
    }

    [Fact]
    public void AProjectionAfterABodyWithoutBatchNormHasKerasDefaults()
    {
        var y = Net.Input(8, 8, 4).Residual(r => r.Conv(8, 3, pad: Padding.Same));

        var bn = Assert.IsType<BatchNormalization>(y.ToNetwork().Analysis["residual/shortcut_bn"].Node.Layer);

        Assert.Equal((1e-3, 0.99), (bn.Epsilon, bn.Momentum));
    }

    [Fact]
    public void AutoProjectsWhenTheBodyChangesTheShape()
    {
        var y = Net.Input(56, 56, 64).Residual(r => r.Conv(128, 3, s: 2, pad: Padding.Same).BatchNorm().Relu().Conv(128, 3, pad: Padding.Same).BatchNorm());

        var analysis = y.ToNetwork().Analysis;
        var conv = analysis["residual/shortcut_conv"];

        Assert.Equal(new ParamCount(64 * 128 + 128, 0), conv.Params);
        Assert.Equal(Shape.Image(28, 28, 128), conv.Shape);
        Assert.Equal(new Size2(2, 2), conv.Node.Window!.Stride);
        Assert.Equal(new ParamCount(256, 256), analysis["residual/shortcut_bn"].Params);
        Assert.Equal(["residual/batch_normalization_1", "residual/shortcut_bn"], analysis["residual/add"].Node.Inputs.Select(n => n.Name));
    }

    [Theory]
    [InlineData(true, 64 * 256 + 256)]
    [InlineData(false, 64 * 256)]
    public void AProjectionIsAOneByOneConvWithOptionalBias(bool bias, long expected)
    {
        var y = Net.Input(56, 56, 64).Residual(r => r.Conv(256, 1), shortcut: Shortcut.Projection, projectionBias: bias);

        var conv = y.ToNetwork().Analysis["residual/shortcut_conv"];

        Assert.Equal(expected, conv.Params.Total);
        Assert.Equal(new Size2(1, 1), conv.Node.Window!.Stride);
    }

    [Fact]
    public void AProjectionHalvesAnOddSizeWithStrideTwo()
    {
        var y = Net.Input(55, 55, 64).Residual(r => r.Conv(128, 3, s: 2, pad: Padding.Same));

        var conv = y.ToNetwork().Analysis["residual/shortcut_conv"];

        Assert.Equal(Shape.Image(28, 28, 128), conv.Shape);
        Assert.Equal(new Size2(2, 2), conv.Node.Window!.Stride);
    }

    [Fact]
    public void AnIdentityAcrossAStrideSuggestsAProjection()
    {
        var x = Net.Input(32, 32, 3);

        var error = Assert.Throws<NetBuildException>(() => x.Residual(r => r.Conv(8, 3, s: 2, pad: Padding.Same), shortcut: Shortcut.Identity));

        Assert.Equal(
            "residual/add: an identity shortcut needs the body to keep the shape; the body gives 16x16x8 (residual/conv2d) but the input is 32x32x3 (input_1). Use shortcut: Shortcut.Projection.",
            error.Message);
        Assert.Equal("residual/add", error.Layer);
        Assert.Equal("residual/add", x.Residual(r => r.Conv(3, 3, pad: Padding.Same)).Name);
    }

    [Fact]
    public void ABodyNoStrideCanReachIsRejected()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(32, 32, 3).Residual(r => r.Conv(3, 3)));

        Assert.Equal(
            "residual/shortcut_conv: no stride takes the input 32x32x3 to the body's 30x30x3: a projection needs ceil(N / S) to equal the body's size on both axes.",
            error.Message);
    }

    [Fact]
    public void AnActivationAfterTheAdditionIsTheBlocksOutLayer()
    {
        var y = Net.Input(8, 8, 16).Residual(r => r.Conv(16, 3, pad: Padding.Same), activation: Activation.Relu, name: "conv2_block1");

        Assert.Equal("conv2_block1/out", y.Name);
        Assert.Equal(new ActivationLayer(Activation.Relu), y.Node.Layer);
        Assert.Equal("conv2_block1/add", y.Node.Inputs[0].Name);
    }

    [Theory]
    [InlineData(2, 1, "residual/shortcut_conv: no stride takes the input 5x5x3 to the body's 4x5x3: a projection needs ceil(N / S) to equal the body's size on both axes.")]
    [InlineData(1, 2, "residual/shortcut_conv: no stride takes the input 5x5x3 to the body's 5x4x3: a projection needs ceil(N / S) to equal the body's size on both axes.")]
    public void ABodyNoStrideCanReachOnOneAxisIsRejected(int kernelHeight, int kernelWidth, string message)
    {
        // 5 -> 4: stride 1 keeps 5 and stride 2 gives 3, so no 1x1 projection can follow the body.
        var error = Assert.Throws<NetBuildException>(() => Net.Input(5, 5, 3).Residual(b => b.Conv(3, (kernelHeight, kernelWidth))));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("stage/unit")]
    [InlineData("")]
    public void AGivenNameIsCheckedAsABlocksNameIs(string name)
    {
        var x = Net.Input(8, 8, 4);

        var error = Assert.Throws<NetBuildException>(() => x.Residual(r => r.Conv(4, 3, pad: Padding.Same), name: name));

        Assert.Equal($"{name}: a block name must be non-empty and contain no '/'. Received: name=\"{name}\".", error.Message);
        Assert.Equal("residual/add", x.Residual(r => r.Conv(4, 3, pad: Padding.Same)).Name);
    }
}
