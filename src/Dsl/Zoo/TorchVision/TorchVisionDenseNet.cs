using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// torchvision 0.14's DenseNets (<c>torchvision/models/densenet.py</c>), named as torchvision's modules inside
/// its <c>features</c> sequence: <c>features.conv0</c>, dense layer j of block i a block named
/// <c>features.denseblock{i}.denselayer{j}</c> (<c>features.denseblock1.denselayer1.norm1.weight</c>),
/// <c>features.transition{i}</c>, <c>features.norm5</c>, then <c>classifier</c>.
/// </summary>
public static class TorchVisionDenseNet
{
    /// <summary>
    /// A torchvision DenseNet: the 7x7/2 stem with BatchNorm, ReLU and a padded 3x3/2 max pool, the design's dense
    /// blocks (<see cref="DenseLayer"/>) with a transition (BatchNorm, ReLU, 1x1 conv to half the channels, 2x2/2
    /// average pool) between them, <c>norm5</c> and a ReLU, then global average pooling and <c>classifier</c>.
    /// </summary>
    /// <param name="name">The network's name.</param>
    /// <param name="design">Layers per block, growth rate and stem, e.g. <see cref="DenseNetDesign.DenseNet121"/>.</param>
    /// <param name="input">The input image.</param>
    /// <param name="classes">Outputs of <c>classifier</c>.</param>
    /// <param name="includeTop">
    /// Whether the classifier is built; without it the network ends in the ReLU that torchvision's forward applies
    /// to its <c>features</c> before pooling, as keras.applications' DenseNet ends in its <c>relu</c>.
    /// </param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Build(string name, DenseNetDesign design, Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None)
    {
        ArgumentNullException.ThrowIfNull(design);
        var x = Classic.Input(input)
            .Conv(design.StemFilters, 7, s: 2, pad: Padding.Explicit(3), bias: false, name: "features.conv0")
            .TorchBatchNorm(name: "features.norm0")
            .Relu(name: "features.relu0")
            .MaxPool(3, s: 2, pad: Padding.Explicit(1), name: "features.pool0");
        for (int i = 1; i <= design.Blocks.Length; i++)
        {
            int block = i;
            x = x.Repeat(design.Blocks[i - 1], (y, j) => y.Block($"features.denseblock{block}.denselayer{j + 1}", b => DenseLayer(b, design)));
            if (i < design.Blocks.Length)
            {
                x = x.Block($"features.transition{i}", b => b
                    .TorchBatchNorm(name: "norm")
                    .Relu(name: "relu")
                    .Conv(b.Shape.Channels / 2, 1, bias: false, name: "conv")
                    .AvgPool(2, s: 2, name: "pool"));
            }
        }

        x = x.TorchBatchNorm(name: "features.norm5").Relu(name: "relu");
        return new ZooTop(classes, includeTop, pooling).Finish(x, name, (features, c) => features
            .GlobalAvgPool(name: "avgpool")
            .Dense(c, name: "classifier"));
    }

    /// <summary>
    /// torchvision's <c>_DenseLayer</c>, pre-activation: <c>norm1</c>, <c>relu1</c>, the 1x1 bottleneck <c>conv1</c>,
    /// <c>norm2</c>, <c>relu2</c> and the padded 3x3 <c>conv2</c> of the growth rate, its output concatenated after
    /// the layer's input (torchvision concatenates every earlier output before each layer; the order is the same).
    /// </summary>
    /// <param name="x">Everything the block has so far.</param>
    /// <param name="design">The growth rate and the bottleneck's filters.</param>
    /// <exception cref="NetBuildException">A name is taken.</exception>
    public static Net<Image> DenseLayer(Net<Image> x, DenseNetDesign design)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(design);
        var added = x.TorchBatchNorm(name: "norm1")
            .Relu(name: "relu1")
            .Conv(design.BottleneckFilters, 1, bias: false, name: "conv1")
            .TorchBatchNorm(name: "norm2")
            .Relu(name: "relu2")
            .Conv(design.GrowthRate, 3, pad: Padding.Explicit(1), bias: false, name: "conv2");
        return Net.Concat("concat", x, added);
    }
}
