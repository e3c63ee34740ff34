using FluentNets.Data;
using FluentNets.Graph;

namespace FluentNets.Cli.Commands;

/// <summary>A zoo model built for a data set, and the data as the network sees it: resized to its input and, unless asked not to, standardised.</summary>
/// <param name="Network">The network.</param>
/// <param name="Train">The training split.</param>
/// <param name="Validation">The validation split.</param>
/// <param name="Mean">Each channel's mean over the training split (after the resize), which was subtracted; null without standardisation.</param>
/// <param name="Std">Each channel's deviation over the training split, which divided; null without standardisation.</param>
internal sealed record TrainingSetup(Network Network, DataSet Train, DataSet Validation, IReadOnlyList<float>? Mean, IReadOnlyList<float>? Std);
