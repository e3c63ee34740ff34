using FluentNets.Graph;

namespace FluentNets.Analysis;

/// <summary>
/// The analyzer evaluates shapes only. The DSL's analysis and summary files (System.Text.Json,
/// string.Create) are not linked, and this stands in for what Network refers to.
/// </summary>
public sealed class NetworkAnalysis
{
    internal NetworkAnalysis(Network network) => _ = network;

    /// <summary>Not available in the analyzer.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public string ToTable(int depth) => throw new NotSupportedException($"The analyzer does not print summaries (depth {depth}).");
}
