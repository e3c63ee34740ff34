using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>A named architecture of the model zoo with its default input and class count.</summary>
/// <param name="Name">The CLI name, e.g. <c>vgg16</c>.</param>
/// <param name="Family">The family it belongs to, as <c>fluentnets zoo</c> groups and filters them (<c>ResNet</c>, <c>MobileNet</c>).</param>
/// <param name="Description">What it is and where it comes from.</param>
/// <param name="DefaultInput">The input it was published with.</param>
/// <param name="DefaultClasses">The classes it was published with.</param>
/// <param name="Builder">Builds the network for an input shape and a top (classes, or no top and a pooling).</param>
public sealed record ZooModel(string Name, string Family, string Description, Shape DefaultInput, int DefaultClasses, Func<Shape, ZooTop, Network> Builder)
{
    /// <summary>
    /// Builds the network, with the published input and classes unless given; without its
    /// classifier when <paramref name="includeTop"/> is false, as keras.applications' <c>include_top=False</c>.
    /// </summary>
    /// <param name="input">The input shape; the published one when null.</param>
    /// <param name="classes">Classes of the classifier; the published count when null.</param>
    /// <param name="includeTop">Whether the classifier is built.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <exception cref="NetBuildException">The input is too small for the architecture, or classes is not positive.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public Network Build(Shape? input = null, int? classes = null, bool includeTop = true, Pooling pooling = Pooling.None) =>
        Builder(input ?? DefaultInput, new ZooTop(classes ?? DefaultClasses, includeTop, pooling));

    /// <summary>
    /// The network without its top, ended by a new head for <paramref name="classes"/> classes:
    /// GlobalAveragePooling (<c>avg_pool</c>) and Dense(<paramref name="classes"/>, softmax) (<c>predictions</c>),
    /// keras.applications' own top for Xception, ResNet50 and Inception-V3, and the head seed 001 puts on a base.
    /// </summary>
    /// <param name="classes">Classes of the new head.</param>
    /// <param name="input">The input shape; the published one when null.</param>
    /// <exception cref="ArgumentException">The model has no top to leave out.</exception>
    /// <exception cref="InvalidOperationException">The base does not end in an image.</exception>
    /// <exception cref="NetBuildException">The input is too small for the model, or classes is not positive.</exception>
    public Network BuildWithNewHead(int classes, Shape? input = null)
    {
        var features = Build(input, includeTop: false);
        return features.OutputImage()
            .GlobalAvgPool(name: "avg_pool")
            .Dense(classes, activation: Activation.Softmax, name: "predictions")
            .ToNetwork(features.Name);
    }
}
