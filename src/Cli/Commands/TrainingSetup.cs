using FluentNets.Data;
using FluentNets.Graph;

namespace FluentNets.Cli.Commands;

/// <summary>A zoo model built for a data set, and the data as the network sees it: resized to its input and, unless asked not to, standardised.</summary>
/// <param name="Network">The network.</param>
/// <param name="Train">The training split.</param>
/// <param name="Validation">The validation split.</param>
/// <param name="Mean">Each channel's mean over the training split (after the resize), which was subtracted; null without standardisation.</param>
/// <param name="Std">Each channel's deviation over the training split, which divided; null without standardisation.</param>
internal sealed record TrainingSetup(Network Network, DataSet Train, DataSet Validation, IReadOnlyList<float>? Mean, IReadOnlyList<float>? Std)
{
    /// <summary>The class names of an image folder (label k is name k); null for the built-in data sets.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>How inputs were scaled: none, unit, tf, caffe, torch or standard.</summary>
    public string Preprocess { get; init; } = "unit";
}

/// <summary>How <c>--data</c> is read beyond its spec: preprocessing, splits, augmentation and prefetching.</summary>
/// <param name="Preprocess">A keras.applications mode, replacing --normalize; null to follow --normalize.</param>
/// <param name="Split">Train, validation (and test) fractions of an image folder; null for 0.8, 0.2.</param>
/// <param name="Augment">Training augmentation, or null.</param>
/// <param name="Prefetch">Batches made ahead on background threads (0: on the training thread).</param>
/// <param name="Warn">Where a skipped-file line goes.</param>
/// <param name="MaxImagePixels">The most pixels an image of a folder may have; a larger one is skipped.</param>
internal sealed record DataOptions(
    ImagePreprocessing? Preprocess = null, IReadOnlyList<double>? Split = null, Augmentation? Augment = null, int Prefetch = 0, Action<string>? Warn = null,
    long MaxImagePixels = ImageDecoder.DefaultMaxPixels);
