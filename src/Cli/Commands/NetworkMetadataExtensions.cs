using FluentNets.Data;
using FluentNets.Weights;

namespace FluentNets.Cli.Commands;

/// <summary>What the commands do with a model's recorded <see cref="NetworkMetadata"/>.</summary>
internal static class NetworkMetadataExtensions
{
    /// <summary>Applies the recorded preprocessing to <paramref name="data"/>, if there is one.</summary>
    public static DataSet Apply(this NetworkMetadata metadata, DataSet data) => metadata.Preprocess switch
    {
        null => data,
        "standard" when metadata.Mean is not null && metadata.Std is not null => data.Normalize(metadata.Mean, metadata.Std),
        "standard" => data,
        _ => data.Preprocess(ImagePreprocessingExtensions.Parse(metadata.Preprocess)),
    };
}
