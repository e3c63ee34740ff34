using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// keras.applications' ConvNeXt Tiny to XLarge (<c>keras/src/applications/convnext.py</c>, with its defaults:
/// preprocessing inside the model, no stochastic depth, layer scale 1e-6), named as Keras 3 names them, so
/// Keras's weight files load by name. Keras builds the stem and each downsampling step as a <c>Sequential</c>
/// (<c>convnext_tiny_stem</c>) whose file group holds its layers' weights; here those layers stand in the
/// network under their own names (<c>convnext_tiny_stem_conv</c>), which is how the Keras reader reads such a group.
/// Each block's residual sum is a <c>keras.ops</c> addition in Keras, not a layer; here it is an <c>Add</c> layer.
/// </summary>
public static class ConvNeXt
{
    /// <summary>ImageNet's channel means in [0, 255] pixels, ConvNeXt's <c>PreStem</c> normalisation.</summary>
    public static readonly double[] Mean = [0.485 * 255, 0.456 * 255, 0.406 * 255];

    /// <summary>ImageNet's channel variances in [0, 255] pixels.</summary>
    public static readonly double[] Variance = [Math.Pow(0.229 * 255, 2), Math.Pow(0.224 * 255, 2), Math.Pow(0.225 * 255, 2)];

    /// <summary>
    /// A keras.applications ConvNeXt: <c>{model}_prestem_normalization</c> (ImageNet's mean and variance, so the
    /// input is in [0, 255]), the 4x4/4 <c>{model}_stem_conv</c> and <c>{model}_stem_layernorm</c>, each stage's
    /// blocks (<see cref="Block"/>) with <c>{model}_downsampling_layernorm_{i}</c> and the 2x2/2
    /// <c>{model}_downsampling_conv_{i}</c> before stages 1 to 3, then <c>{model}_head_gap</c>,
    /// <c>{model}_head_layernorm</c> and <c>{model}_head_dense</c>. Without the top it ends, as Keras's does, in a
    /// LayerNorm (<c>layer_normalization</c>) of the last map or of its pooling.
    /// </summary>
    /// <param name="name">The model's name, Keras's <c>model_name</c> (<c>convnext_tiny</c>), which prefixes its layers.</param>
    /// <param name="design">Blocks and channels per stage, e.g. <see cref="ConvNeXtDesign.Tiny"/>.</param>
    /// <param name="input">The input image (224x224x3 in Keras, 32x32 the smallest it accepts), pixels in [0, 255].</param>
    /// <param name="top">The classifier, or the pooling without it.</param>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Build(string name, ConvNeXtDesign design, Shape input, ZooTop top)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(top);
        var x = Classic.Input(input, "input_layer")
            .Normalize(Mean, Variance, name: $"{name}_prestem_normalization")
            .Conv(design.Dims[0], 4, s: 4, name: $"{name}_stem_conv")
            .LayerNorm(ConvNeXtDesign.Epsilon, name: $"{name}_stem_layernorm");
        for (int stage = 0; stage < design.Depths.Length; stage++)
        {
            if (stage > 0)
            {
                x = x.LayerNorm(ConvNeXtDesign.Epsilon, name: $"{name}_downsampling_layernorm_{stage - 1}")
                    .Conv(design.Dims[stage], 2, s: 2, name: $"{name}_downsampling_conv_{stage - 1}");
            }

            int i = stage;
            x = x.Repeat(design.Depths[stage], (y, j) => Block(y, $"{name}_stage_{i}_block_{j}"));
        }

        if (top.IncludeTop)
        {
            return top.Finish(x, name, (features, classes) => features
                .GlobalAvgPool(name: $"{name}_head_gap")
                .LayerNorm(ConvNeXtDesign.Epsilon, name: $"{name}_head_layernorm")
                .Dense(classes, activation: Activation.Softmax, name: $"{name}_head_dense"));
        }

        return top.Pooling switch
        {
            Pooling.Avg => x.GlobalAvgPool(name: "avg_pool").LayerNorm(ConvNeXtDesign.Epsilon).ToNetwork(name),
            Pooling.Max => x.GlobalMaxPool(name: "max_pool").LayerNorm(ConvNeXtDesign.Epsilon).ToNetwork(name),
            _ => x.LayerNorm(ConvNeXtDesign.Epsilon).ToNetwork(name),
        };
    }

    /// <summary>
    /// keras.applications' <c>ConvNeXtBlock</c>: the 7x7 SAME <c>{name}_depthwise_conv</c> (a Conv2D in as many groups
    /// as channels), <c>{name}_layernorm</c>, <c>{name}_pointwise_conv_1</c> (a Dense over the channels to four times
    /// them), <c>{name}_gelu</c> (exact), <c>{name}_pointwise_conv_2</c>, <c>{name}_layer_scale</c>, the identity layer
    /// <c>{name}_identity</c> where stochastic depth would be, and the input added.
    /// </summary>
    /// <param name="x">The block's input.</param>
    /// <param name="name">The block's name prefix, e.g. <c>convnext_tiny_stage_0_block_0</c>.</param>
    /// <exception cref="NetBuildException">A name is taken.</exception>
    public static Net<Image> Block(Net<Image> x, string name)
    {
        ArgumentNullException.ThrowIfNull(x);
        int dim = x.Shape.Channels;
        var branch = x.Conv(dim, 7, pad: Padding.Same, groups: dim, name: $"{name}_depthwise_conv")
            .LayerNorm(ConvNeXtDesign.Epsilon, name: $"{name}_layernorm")
            .Dense(4 * dim, name: $"{name}_pointwise_conv_1")
            .Gelu(name: $"{name}_gelu")
            .Dense(dim, name: $"{name}_pointwise_conv_2")
            .LayerScale(ConvNeXtDesign.LayerScaleInit, name: $"{name}_layer_scale")
            .Identity(name: $"{name}_identity");
        return Net.Add(x, branch);
    }
}
