using System.Collections.Immutable;
using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// torchvision 0.14's ResNets (<c>torchvision/models/resnet.py</c>, the "v1.5" variant with the stride
/// on the bottleneck's 3x3 conv), named so that a torchvision <c>state_dict</c> loads with no renaming:
/// each residual block is a block named as torchvision's module (<c>layer1.0</c>), its layers named as
/// its submodules (<c>conv1</c>, <c>bn1</c>, <c>downsample.0</c>), and a state-dict key is the
/// parameter's name with '/' read as '.' (<c>layer1.0/conv1.weight</c> is <c>layer1.0.conv1.weight</c>).
/// </summary>
public static class TorchVisionResNet
{
    /// <summary>ResNet-18's basic blocks per stage.</summary>
    public static ImmutableArray<int> ResNet18 { get; } = [2, 2, 2, 2];

    /// <summary>ResNet-34's basic blocks per stage.</summary>
    public static ImmutableArray<int> ResNet34 { get; } = [3, 4, 6, 3];

    /// <summary>ResNet-50's bottlenecks per stage.</summary>
    public static ImmutableArray<int> ResNet50 { get; } = [3, 4, 6, 3];

    /// <summary>ResNet-101's bottlenecks per stage.</summary>
    public static ImmutableArray<int> ResNet101 { get; } = [3, 4, 23, 3];

    /// <summary>ResNet-152's bottlenecks per stage.</summary>
    public static ImmutableArray<int> ResNet152 { get; } = [3, 8, 36, 3];

    /// <summary>
    /// ResNeXt-50 32x4d (Xie et al., https://arxiv.org/abs/1611.05431): ResNet-50's stages with 32 groups of
    /// 4 channels in the first stage's 3x3 convs, 25,028,904 parameters as torchvision publishes.
    /// </summary>
    public static TorchVisionResNetWidth ResNeXt50X32X4D { get; } = new(32, 4);

    /// <summary>ResNeXt-101 32x8d: ResNet-101's stages with 32 groups of 8 channels.</summary>
    public static TorchVisionResNetWidth ResNeXt101X32X8D { get; } = new(32, 8);

    /// <summary>ResNeXt-101 64x4d: ResNet-101's stages with 64 groups of 4 channels.</summary>
    public static TorchVisionResNetWidth ResNeXt101X64X4D { get; } = new(64, 4);

    /// <summary>
    /// Wide ResNet-50-2 and -101-2 (Zagoruyko and Komodakis, https://arxiv.org/abs/1605.07146): the bottleneck's
    /// inner convs twice as wide, one group of 128 channels in the first stage; the outputs as ResNet's.
    /// </summary>
    public static TorchVisionResNetWidth Wide2 { get; } = new(1, 128);

    /// <summary>
    /// A torchvision ResNet: the 7x7/2 stem with BatchNorm and a padded 3x3/2 max pool, four stages of
    /// <paramref name="blocks"/> basic blocks (two 3x3 convs) or bottlenecks (1x1, 3x3, 1x1 with four times
    /// the width out), widths 64, 128, 256, 512, the first block of stages 2 to 4 with stride 2, a
    /// projection (<c>downsample</c>) where the shape changes, then global average pooling and <c>fc</c>.
    /// Convs have no bias; BatchNorm is PyTorch's (eps 1e-5, momentum 0.1). torchvision publishes
    /// 11,689,512 / 21,797,672 / 25,557,032 / 44,549,160 / 60,192,808 parameters for 18 to 152 layers.
    /// </summary>
    /// <param name="name">The network's name.</param>
    /// <param name="blocks">Blocks per stage, e.g. <see cref="ResNet50"/>.</param>
    /// <param name="bottleneck">Bottlenecks (ResNet-50 and deeper) rather than basic blocks.</param>
    /// <param name="input">The input image; adaptive pooling before <c>fc</c> takes any size the convs accept, as torchvision's.</param>
    /// <param name="classes">Outputs of <c>fc</c> (torchvision's <c>num_classes</c>).</param>
    /// <param name="includeTop">Whether the classifier is built; without it the network ends in <c>layer4</c>'s map (torchvision's <c>avgpool</c> and <c>fc</c> left out; ResNet-50 keeps 23,508,032 of its 25,557,032 parameters), as keras.applications' <c>include_top=False</c>.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <param name="width">The bottlenecks' groups and channels per group (torchvision's <c>groups</c> and <c>width_per_group</c>); ResNet's 1 x 64 when null.</param>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top, or a width was given to basic blocks.</exception>
    public static Network Build(
        string name, ImmutableArray<int> blocks, bool bottleneck, Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None,
        TorchVisionResNetWidth? width = null)
    {
        // torchvision's BasicBlock raises "BasicBlock only supports groups=1 and base_width=64" too.
        if (!bottleneck && width is not null && width != TorchVisionResNetWidth.ResNet)
        {
            throw new ArgumentException($"Expected width: null or 1 x 64 with basic blocks, which have no groups. Received: width={width}.", nameof(width));
        }

        var inner = width ?? TorchVisionResNetWidth.ResNet;
        var x = Classic.Input(input)
            .Conv(64, 7, s: 2, pad: Padding.Explicit(3), bias: false, name: "conv1")
            .TorchBatchNorm(name: "bn1")
            .Relu(name: "relu")
            .MaxPool(3, s: 2, pad: Padding.Explicit(1), name: "maxpool");
        for (int stage = 0; stage < blocks.Length; stage++)
        {
            int planes = 64 << stage;
            for (int i = 0; i < blocks[stage]; i++)
            {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                x = x.Block($"layer{stage + 1}.{i}", b => bottleneck ? Bottleneck(b, planes, stride, inner) : BasicBlock(b, planes, stride));
            }
        }

        return new ZooTop(classes, includeTop, pooling).Finish(x, name, (features, c) => features
            .GlobalAvgPool(name: "avgpool")
            .Dense(c, name: "fc"));
    }

    /// <summary>torchvision's <c>BasicBlock</c>: 3x3 (strided) and 3x3 convs, each with BatchNorm, added to the input or its projection.</summary>
    /// <param name="x">The block's input.</param>
    /// <param name="width">Output channels.</param>
    /// <param name="stride">Stride of the first conv and of the projection.</param>
    /// <exception cref="NetBuildException">The input is too small for the stride.</exception>
    public static Net<Image> BasicBlock(Net<Image> x, int width, int stride)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = x.Conv(width, 3, s: stride, pad: Padding.Explicit(1), bias: false, name: "conv1")
            .TorchBatchNorm(name: "bn1")
            .Relu(name: "relu1")
            .Conv(width, 3, pad: Padding.Explicit(1), bias: false, name: "conv2")
            .TorchBatchNorm(name: "bn2");
        return Net.Add("add", y, Shortcut(x, width, stride)).Relu(name: "relu2");
    }

    /// <summary>
    /// torchvision's <c>Bottleneck</c>: 1x1 to the inner width, 3x3 in groups with the stride, 1x1 to four times
    /// <paramref name="planes"/>, each with BatchNorm, added to the input or its projection. The inner width is
    /// <paramref name="planes"/> for ResNet, <c>planes * width_per_group / 64 * groups</c> for ResNeXt and Wide ResNet.
    /// </summary>
    /// <param name="x">The block's input.</param>
    /// <param name="planes">The stage's width: 64, 128, 256 or 512; the block outputs four times as many channels.</param>
    /// <param name="stride">Stride of the 3x3 conv and of the projection.</param>
    /// <param name="width">Groups and channels per group of the 3x3 conv; ResNet's 1 x 64 when null.</param>
    /// <exception cref="NetBuildException">The input is too small for the stride.</exception>
    public static Net<Image> Bottleneck(Net<Image> x, int planes, int stride, TorchVisionResNetWidth? width = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (groups, inner) = width ?? TorchVisionResNetWidth.ResNet;
        int channels = planes * inner / 64 * groups;
        var y = x.Conv(channels, 1, bias: false, name: "conv1")
            .TorchBatchNorm(name: "bn1")
            .Relu(name: "relu1")
            .Conv(channels, 3, s: stride, pad: Padding.Explicit(1), groups: groups, bias: false, name: "conv2")
            .TorchBatchNorm(name: "bn2")
            .Relu(name: "relu2")
            .Conv(4 * planes, 1, bias: false, name: "conv3")
            .TorchBatchNorm(name: "bn3");
        return Net.Add("add", y, Shortcut(x, 4 * planes, stride)).Relu(name: "relu3");
    }

    private static Net<Image> Shortcut(Net<Image> x, int channels, int stride) =>
        stride == 1 && x.Shape.Channels == channels
            ? x
            : x.Conv(channels, 1, s: stride, bias: false, name: "downsample.0").TorchBatchNorm(name: "downsample.1");
}
