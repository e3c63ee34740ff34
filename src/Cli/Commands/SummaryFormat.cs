namespace FluentNets.Cli.Commands;

/// <summary>How <c>fluentnets summary</c> prints a network.</summary>
public enum SummaryFormat
{
    /// <summary>The Keras-style text table.</summary>
    Table,

    /// <summary>The JSON of <see cref="Analysis.NetworkAnalysis.ToJson"/>.</summary>
    Json,

    /// <summary>A Markdown table with MACs.</summary>
    Markdown,
}
