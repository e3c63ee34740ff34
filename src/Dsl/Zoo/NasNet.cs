using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// keras.applications' NASNetMobile and NASNetLarge (<c>keras/src/applications/nasnet.py</c>): the cells of
/// NASNet-A with Keras's layer names, the automatic ones (<c>activation_12</c>, <c>zero_padding2d_3</c>,
/// <c>cropping2d_3</c>, <c>concatenate_3</c>, <c>add_1</c>) included, so Keras's weight files load by name.
/// Every BatchNorm has momentum 0.9997 and epsilon 1e-3.
/// </summary>
public static class NasNet
{
    private const double Momentum = 0.9997;

    /// <summary>
    /// A keras.applications NASNet: the 3x3/2 <c>stem_conv1</c> and <c>stem_bn1</c>, reduction cells <c>stem_1</c> and
    /// <c>stem_2</c>, then three stacks of <see cref="NasNetDesign.Cells"/> normal cells with a reduction cell between
    /// them, the filters doubling at each; a ReLU, then global average pooling and <c>predictions</c>.
    /// </summary>
    /// <param name="name">The network's name.</param>
    /// <param name="design">The cells and filters, e.g. <see cref="NasNetDesign.Mobile"/>.</param>
    /// <param name="input">The input image (224x224x3 for NASNetMobile, 331x331x3 for NASNetLarge; 32x32 the smallest Keras accepts).</param>
    /// <param name="top">The classifier, or the pooling without it.</param>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top, or the filters do not divide as NASNet needs.</exception>
    public static Network Build(string name, NasNetDesign design, Shape input, ZooTop top)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(top);
        int multiplier = design.FilterMultiplier;
        if (design.PenultimateFilters % (24 * multiplier * multiplier) != 0)
        {
            throw new ArgumentException(
                $"Expected penultimate filters that are a multiple of 24 * filter_multiplier ** 2 = {24 * multiplier * multiplier}. Received: {design.PenultimateFilters}.",
                nameof(design));
        }

        int filters = design.PenultimateFilters / 24;
        var x = Classic.Input(input, "input_layer")
            .Conv(design.StemFilters, 3, s: 2, bias: false, name: "stem_conv1")
            .BatchNorm(Momentum, name: "stem_bn1");
        Net<Image>? p = null;
        (x, p) = ReductionCell(x, p, filters / (multiplier * multiplier), "stem_1");
        (x, p) = ReductionCell(x, p, filters / multiplier, "stem_2");
        int n = design.Cells;
        for (int stack = 0; stack < 3; stack++)
        {
            int width = filters * (int)Math.Pow(multiplier, stack);
            if (stack > 0)
            {
                var (reduced, reductionInput) = ReductionCell(x, p, width, $"reduce_{stack * n}");
                (x, p) = (reduced, design.SkipReduction ? p : reductionInput);
            }

            for (int i = 0; i < n; i++)
            {
                (x, p) = NormalCell(x, p, width, stack == 0 ? $"{i}" : $"{stack * n + i + 1}");
            }
        }

        x = x.Relu();
        return top.Finish(x, name, (features, classes) => features
            .GlobalAvgPool()
            .Dense(classes, activation: Activation.Softmax, name: "predictions"));
    }

    /// <summary>
    /// NASNet-A's normal cell (Fig. 4 of the paper): h is the ReLU'd, 1x1-convolved input, p the previous cell's
    /// output adjusted to h's size and filters (<see cref="Adjust"/>); five branch pairs added, concatenated with p.
    /// </summary>
    /// <returns>The cell's output and its input, the next cell's p.</returns>
    private static (Net<Image> Output, Net<Image> Input) NormalCell(Net<Image> ip, Net<Image>? previous, int filters, string id)
    {
        var p = Adjust(previous, ip, filters, id);
        var h = ip.Relu()
            .Conv(filters, 1, pad: Padding.Same, bias: false, name: $"normal_conv_1_{id}")
            .BatchNorm(Momentum, name: $"normal_bn_1_{id}");
        var x1 = Net.Add(
            $"normal_add_1_{id}",
            SeparableBlock(h, filters, 5, 1, $"normal_left1_{id}"),
            SeparableBlock(p, filters, 3, 1, $"normal_right1_{id}"));
        var x2 = Net.Add(
            $"normal_add_2_{id}",
            SeparableBlock(p, filters, 5, 1, $"normal_left2_{id}"),
            SeparableBlock(p, filters, 3, 1, $"normal_right2_{id}"));
        var x3 = Net.Add($"normal_add_3_{id}", h.AvgPool(3, s: 1, pad: Padding.Same, name: $"normal_left3_{id}"), p);
        var x4 = Net.Add(
            $"normal_add_4_{id}",
            p.AvgPool(3, s: 1, pad: Padding.Same, name: $"normal_left4_{id}"),
            p.AvgPool(3, s: 1, pad: Padding.Same, name: $"normal_right4_{id}"));
        var x5 = Net.Add($"normal_add_5_{id}", SeparableBlock(h, filters, 3, 1, $"normal_left5_{id}"), h);
        return (Net.Concat($"normal_concat_{id}", p, x1, x2, x3, x4, x5), ip);
    }

    /// <summary>
    /// NASNet-A's reduction cell: every branch halves the size (strided separable convolutions, 3x3/2 max and
    /// average pools of h padded as <see cref="CorrectPad"/> says), four sums concatenated.
    /// </summary>
    /// <returns>The cell's output and its input.</returns>
    private static (Net<Image> Output, Net<Image> Input) ReductionCell(Net<Image> ip, Net<Image>? previous, int filters, string id)
    {
        var p = Adjust(previous, ip, filters, id);
        var h = ip.Relu()
            .Conv(filters, 1, pad: Padding.Same, bias: false, name: $"reduction_conv_1_{id}")
            .BatchNorm(Momentum, name: $"reduction_bn_1_{id}");
        var h3 = h.ZeroPad(CorrectPad(h, 3), name: $"reduction_pad_1_{id}");
        var x1 = Net.Add(
            $"reduction_add_1_{id}",
            SeparableBlock(h, filters, 5, 2, $"reduction_left1_{id}"),
            SeparableBlock(p, filters, 7, 2, $"reduction_right1_{id}"));
        var x2 = Net.Add(
            $"reduction_add_2_{id}",
            h3.MaxPool(3, s: 2, name: $"reduction_left2_{id}"),
            SeparableBlock(p, filters, 7, 2, $"reduction_right2_{id}"));
        var x3 = Net.Add(
            $"reduction_add3_{id}",
            h3.AvgPool(3, s: 2, name: $"reduction_left3_{id}"),
            SeparableBlock(p, filters, 5, 2, $"reduction_right3_{id}"));
        var x4 = Net.Add(x2, x1.AvgPool(3, s: 1, pad: Padding.Same, name: $"reduction_left4_{id}"));
        var x5 = Net.Add(
            $"reduction_add4_{id}",
            SeparableBlock(x1, filters, 3, 1, $"reduction_left4_{id}"),
            h3.MaxPool(3, s: 2, name: $"reduction_right5_{id}"));
        return (Net.Concat($"reduction_concat_{id}", x2, x3, x4, x5), ip);
    }

    /// <summary>
    /// Keras's <c>_adjust_block</c>: the previous output as it is when it matches; halved with two offset 1x1/2
    /// average-pool paths (the second shifted by a zero pad and a crop, <c>Cropping2D</c>) when its size differs;
    /// projected by a 1x1 conv when only its filters differ.
    /// </summary>
    private static Net<Image> Adjust(Net<Image>? p, Net<Image> ip, int filters, string id)
    {
        if (p is null)
        {
            return ip;
        }

        // Keras compares the widths, shape[-2] of (batch, height, width, channels).
        if (p.Shape.Width != ip.Shape.Width)
        {
            var relu = p.Relu(name: $"adjust_relu_1_{id}");
            var p1 = relu.AvgPool(1, s: 2, name: $"adjust_avg_pool_1_{id}")
                .Conv(filters / 2, 1, pad: Padding.Same, bias: false, name: $"adjust_conv_1_{id}");
            var p2 = relu.ZeroPad((0, 1, 0, 1))
                .Crop((1, 0, 1, 0))
                .AvgPool(1, s: 2, name: $"adjust_avg_pool_2_{id}")
                .Conv(filters / 2, 1, pad: Padding.Same, bias: false, name: $"adjust_conv_2_{id}");
            return Net.Concat(p1, p2).BatchNorm(Momentum, name: $"adjust_bn_{id}");
        }

        return p.Shape.Channels == filters
            ? p
            : p.Relu()
                .Conv(filters, 1, pad: Padding.Same, bias: false, name: $"adjust_conv_projection_{id}")
                .BatchNorm(Momentum, name: $"adjust_bn_{id}");
    }

    /// <summary>
    /// Keras's <c>_separable_conv_block</c>: twice a ReLU, a separable conv without bias and BatchNorm; a strided
    /// first conv is VALID after a zero pad (<c>separable_conv_1_pad_{id}</c>, <see cref="CorrectPad"/>), the rest SAME.
    /// </summary>
    private static Net<Image> SeparableBlock(Net<Image> x, int filters, int kernel, int stride, string id)
    {
        var y = x.Relu();
        if (stride == 2)
        {
            y = y.ZeroPad(CorrectPad(y, kernel), name: $"separable_conv_1_pad_{id}");
        }

        return y.SeparableConv(filters, kernel, s: stride, pad: stride == 2 ? Padding.Valid : Padding.Same, bias: false, name: $"separable_conv_1_{id}")
            .BatchNorm(Momentum, name: $"separable_conv_1_bn_{id}")
            .Relu()
            .SeparableConv(filters, kernel, pad: Padding.Same, bias: false, name: $"separable_conv_2_{id}")
            .BatchNorm(Momentum, name: $"separable_conv_2_bn_{id}");
    }

    /// <summary>
    /// keras.applications' <c>imagenet_utils.correct_pad</c>: k // 2 on the bottom and right, one less on the top
    /// and left of an even side, so a VALID stride-2 window of size k is centred as TensorFlow's SAME centres it.
    /// </summary>
    /// <param name="x">The input to pad.</param>
    /// <param name="kernel">The square window's size.</param>
    /// <returns>(top, bottom, left, right).</returns>
    public static (int Top, int Bottom, int Left, int Right) CorrectPad(Net<Image> x, int kernel)
    {
        ArgumentNullException.ThrowIfNull(x);
        int half = kernel / 2;
        return (half - (1 - x.Shape.Height % 2), half, half - (1 - x.Shape.Width % 2), half);
    }
}
