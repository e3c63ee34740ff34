using System.Globalization;
using System.Text;
using System.Xml.Linq;
using FluentNets.Graph;
using GraphShape.Algorithms.Layout;
using QuikGraph;
using GsPoint = GraphShape.Point;
using GsSize = GraphShape.Size;

namespace FluentNets.Export.Plot;

/// <summary>
/// Draws a network as Keras's <c>plot_model(show_shapes=True)</c> does, without graphviz: one box
/// per layer (or per top-level block at depth 1) with its name, type and output shape, edges from
/// inputs to outputs, branches side by side, auxiliary heads dashed. SVG is laid out with
/// GraphShape's Sugiyama algorithm; Mermaid and DOT leave the layout to their renderers.
/// </summary>
public static class NetworkPlot
{
    private const double CharWidth = 7.2;
    private const double LineHeight = 16;
    private const double Margin = 20;

    /// <summary>The picture of <paramref name="network"/> in <paramref name="format"/>.</summary>
    /// <param name="network">The network, auxiliary heads included.</param>
    /// <param name="format">SVG, Mermaid or DOT.</param>
    /// <param name="depth">0 for one box per layer; 1 for one box per top-level block.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> is neither 0 nor 1, or the format is unknown.</exception>
    public static string Plot(this Network network, PlotFormat format, int depth = 0)
    {
        var graph = PlotGraph.Of(network, depth);
        return format switch
        {
            PlotFormat.Svg => Svg(network.Name, graph),
            PlotFormat.Mermaid => Mermaid(graph),
            PlotFormat.Dot => Dot(network.Name, graph),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Expected svg, mermaid or dot."),
        };
    }

    private static string[] Lines(PlotBox box) => [box.Name, box.Auxiliary ? $"{box.Type} (auxiliary)" : box.Type, box.Shape];

    private static string Mermaid(PlotGraph graph)
    {
        var text = new StringBuilder("flowchart TB\n");
        foreach (var box in graph.Boxes)
        {
            string label = string.Join("<br/>", Lines(box).Select(l => l.Replace("\"", "#quot;", StringComparison.Ordinal)));
            text.Append(CultureInfo.InvariantCulture, $"    {box.Id}[\"{label}\"]{(box.Auxiliary ? ":::aux" : "")}\n");
        }

        foreach (var (from, to) in graph.Edges)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {from.Id} --> {to.Id}\n");
        }

        text.Append("    classDef aux stroke-dasharray: 5 5\n");
        return text.ToString();
    }

    private static string Dot(string name, PlotGraph graph)
    {
        static string Quote(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"digraph \"{Quote(name)}\" {{\n    rankdir=TB;\n    node [shape=box, fontname=\"monospace\"];\n");
        foreach (var box in graph.Boxes)
        {
            string label = string.Join("\\n", Lines(box).Select(Quote));
            text.Append(CultureInfo.InvariantCulture, $"    {box.Id} [label=\"{label}\"{(box.Auxiliary ? ", style=dashed" : "")}];\n");
        }

        foreach (var (from, to) in graph.Edges)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {from.Id} -> {to.Id};\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    private static string Svg(string name, PlotGraph graph)
    {
        var (layout, routes) = Layout(graph);
        double right = layout.Values.Max(r => r.X + r.Width) + Margin;
        double bottom = layout.Values.Max(r => r.Y + r.Height) + Margin;
        XNamespace svg = "http://www.w3.org/2000/svg";
        string F(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);

        var root = new XElement(svg + "svg",
            new XAttribute("width", F(right)), new XAttribute("height", F(bottom)),
            new XAttribute("viewBox", $"0 0 {F(right)} {F(bottom)}"),
            new XAttribute("font-family", "monospace"), new XAttribute("font-size", "12"),
            new XElement(svg + "title", name),
            new XElement(svg + "defs",
                new XElement(svg + "marker", new XAttribute("id", "arrow"), new XAttribute("viewBox", "0 0 10 10"),
                    new XAttribute("refX", "10"), new XAttribute("refY", "5"), new XAttribute("markerWidth", "8"),
                    new XAttribute("markerHeight", "8"), new XAttribute("orient", "auto"),
                    new XElement(svg + "path", new XAttribute("d", "M 0 0 L 10 5 L 0 10 z"), new XAttribute("fill", "#555")))),
            new XElement(svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "white")));

        var edges = new XElement(svg + "g", new XAttribute("class", "edges"), new XAttribute("stroke", "#555"), new XAttribute("fill", "none"));
        foreach (var (from, to) in graph.Edges)
        {
            var a = layout[from];
            var b = layout[to];
            // A long edge bends through the points Sugiyama reserved for it between the layers it skips.
            IEnumerable<(double X, double Y)> points =
            [
                (a.X + a.Width / 2, a.Y + a.Height),
                .. routes.TryGetValue((from, to), out var bends) ? bends : [],
                (b.X + b.Width / 2, b.Y),
            ];
            edges.Add(new XElement(svg + "polyline",
                new XAttribute("points", string.Join(" ", points.Select(p => $"{F(p.X)},{F(p.Y)}"))),
                new XAttribute("marker-end", "url(#arrow)")));
        }

        root.Add(edges);
        var boxes = new XElement(svg + "g", new XAttribute("class", "layers"));
        foreach (var box in graph.Boxes)
        {
            var r = layout[box];
            var g = new XElement(svg + "g", new XAttribute("class", box.Auxiliary ? "layer auxiliary" : "layer"), new XAttribute("id", box.Id),
                new XElement(svg + "title", box.Name),
                new XElement(svg + "rect",
                    new XAttribute("x", F(r.X)), new XAttribute("y", F(r.Y)), new XAttribute("width", F(r.Width)), new XAttribute("height", F(r.Height)),
                    new XAttribute("rx", "4"), new XAttribute("fill", box.Auxiliary ? "#fff4e0" : "#eef3fb"), new XAttribute("stroke", "#333"),
                    box.Auxiliary ? new XAttribute("stroke-dasharray", "5 3") : null));
            var lines = Lines(box);
            for (int i = 0; i < lines.Length; i++)
            {
                g.Add(new XElement(svg + "text",
                    new XAttribute("x", F(r.X + r.Width / 2)), new XAttribute("y", F(r.Y + 6 + LineHeight * (i + 0.8))),
                    new XAttribute("text-anchor", "middle"), i == 0 ? new XAttribute("font-weight", "bold") : null,
                    lines[i]));
            }

            boxes.Add(g);
        }

        root.Add(boxes);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).ToString() + "\n";
    }

    /// <summary>Each box's rectangle (left, top, width, height), laid out top to bottom by GraphShape's Sugiyama algorithm.</summary>
    private static (Dictionary<PlotBox, (double X, double Y, double Width, double Height)> Boxes, Dictionary<(PlotBox, PlotBox), (double X, double Y)[]> Routes) Layout(PlotGraph plot)
    {
        var graph = new BidirectionalGraph<PlotBox, Edge<PlotBox>>();
        graph.AddVertexRange(plot.Boxes);
        var edges = plot.Edges.Select(e => new Edge<PlotBox>(e.From, e.To)).ToArray();
        graph.AddEdgeRange(edges);
        var sizes = plot.Boxes.ToDictionary(b => b, b => new GsSize(Lines(b).Max(l => l.Length) * CharWidth + 16, LineHeight * 3 + 12));
        var parameters = new SugiyamaLayoutParameters { Direction = LayoutDirection.TopToBottom, LayerGap = 36, SliceGap = 24 };
        var algorithm = new SugiyamaLayoutAlgorithm<PlotBox, Edge<PlotBox>, BidirectionalGraph<PlotBox, Edge<PlotBox>>>(graph, sizes, parameters);
        algorithm.Compute();

        // GraphShape gives each vertex's centre; shift everything so the drawing starts at the margin.
        var centres = algorithm.VerticesPositions;
        double left = plot.Boxes.Min(b => centres[b].X - sizes[b].Width / 2);
        double top = plot.Boxes.Min(b => centres[b].Y - sizes[b].Height / 2);
        var boxes = plot.Boxes.ToDictionary(b => b, b =>
        {
            GsPoint c = centres[b];
            GsSize s = sizes[b];
            return (c.X - s.Width / 2 - left + Margin, c.Y - s.Height / 2 - top + Margin, s.Width, s.Height);
        });
        var routes = new Dictionary<(PlotBox, PlotBox), (double X, double Y)[]>();
        foreach (var edge in edges)
        {
            if (algorithm.EdgeRoutes.TryGetValue(edge, out var bends) && bends is not null)
            {
                routes[(edge.Source, edge.Target)] = bends.Select(p => (p.X - left + Margin, p.Y - top + Margin)).ToArray();
            }
        }

        return (boxes, routes);
    }
}
