namespace FluentNets.Export.Plot;

/// <summary>The formats a network's picture is written in.</summary>
public enum PlotFormat
{
    /// <summary>A standalone SVG image, laid out in layers (Sugiyama), no graphviz needed.</summary>
    Svg,

    /// <summary>A Mermaid flowchart, which GitHub and many Markdown viewers draw.</summary>
    Mermaid,

    /// <summary>Graphviz DOT, for <c>dot -Tpng</c>.</summary>
    Dot,
}
