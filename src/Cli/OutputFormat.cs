namespace FluentNets.Cli;

/// <summary>How <c>train</c> and <c>evaluate</c> print their results.</summary>
public enum OutputFormat
{
    /// <summary>Progress, a table and a closing line, for people.</summary>
    Text,

    /// <summary>One JSON object, for programs.</summary>
    Json,
}
