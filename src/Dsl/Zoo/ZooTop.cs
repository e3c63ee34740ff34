using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// How a zoo model ends, as keras.applications' <c>include_top</c>, <c>pooling</c> and
/// <c>classes</c> arguments say it: the published classifier for <see cref="Classes"/> classes,
/// or the feature extractor alone, optionally pooled.
/// </summary>
/// <param name="Classes">Classes of the classifier; used only with the top.</param>
/// <param name="IncludeTop">Whether the classifier is built.</param>
/// <param name="Pooling">What the network ends in without its top; must be <see cref="Pooling.None"/> with the top.</param>
public sealed record ZooTop(int Classes, bool IncludeTop = true, Pooling Pooling = Pooling.None)
{
    /// <summary>
    /// Attaches an auxiliary classifier when the top is built: auxiliary heads belong to the top, and a
    /// feature extractor leaves them out (so it also takes inputs too small for them).
    /// </summary>
    /// <param name="x">Where the head branches off.</param>
    /// <param name="name">The head's name.</param>
    /// <param name="head">The head, given the branch point and the class count.</param>
    /// <param name="lossWeight">The head's weight in the training loss.</param>
    /// <exception cref="NetBuildException">The head does not fit the feature map.</exception>
    public Net<Image> Aux<THead>(Net<Image> x, string name, Func<Net<Image>, int, Net<THead>> head, double lossWeight)
        where THead : Layout
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(head);
        return IncludeTop ? x.Aux(name, h => head(h, Classes), lossWeight: lossWeight) : x;
    }

    /// <summary>
    /// Ends <paramref name="features"/> with <paramref name="top"/> when <see cref="IncludeTop"/>;
    /// otherwise with nothing, <c>avg_pool</c> or <c>max_pool</c>.
    /// </summary>
    /// <param name="features">The last feature map.</param>
    /// <param name="name">The network's name.</param>
    /// <param name="top">The classifier, given the feature map and the class count.</param>
    /// <param name="automaticPoolName">
    /// Whether the pooling takes Keras's automatic name (<c>global_average_pooling2d</c>, <c>global_max_pooling2d</c>),
    /// as keras.applications' MobileNet and MobileNetV2 leave it unnamed.
    /// </param>
    /// <typeparam name="TTop">What the classifier ends in: a vector, or a 1x1 map for a Dense on an image.</typeparam>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    /// <exception cref="NetBuildException">Classes is not positive, or the top does not fit the feature map.</exception>
    public Network Finish<TTop>(Net<Image> features, string name, Func<Net<Image>, int, Net<TTop>> top, bool automaticPoolName = false)
        where TTop : Layout
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(top);
        if (IncludeTop)
        {
            if (Pooling != Pooling.None)
            {
                throw new ArgumentException(
                    $"Expected pooling: Pooling.None with includeTop: true (the top has its own head). Received: pooling=Pooling.{Pooling}.", nameof(Pooling));
            }

            return top(features, Classes).ToNetwork(name);
        }

        return Pooling switch
        {
            Pooling.Avg => features.GlobalAvgPool(name: automaticPoolName ? null : "avg_pool").ToNetwork(name),
            Pooling.Max => features.GlobalMaxPool(name: automaticPoolName ? null : "max_pool").ToNetwork(name),
            _ => features.ToNetwork(name),
        };
    }
}
