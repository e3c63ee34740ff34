using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FluentNets.Export.Plot;
using FluentNets.Zoo;

namespace FluentNets.Export.Tests.Plot;

/// <summary>Pictures of networks: one box per layer or block, none overlapping, every edge drawn.</summary>
public partial class NetworkPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static TheoryData<string, int> Pictures => new(
        from name in new[] { "lenet5", "googlenet", "resnet50", "inception-v3", "xception", "convnext-tiny", "tv-shufflenet-v2-x0-5", "mobilenet-v3-small", "tv-efficientnet-b0" }
        from depth in new[] { 0, 1 }
        select (name, depth));

    [Theory]
    [MemberData(nameof(Pictures))]
    public void TheSvgIsWellFormedWithOneBoxPerLayerAndNoTwoOverlapping(string name, int depth)
    {
        var network = ModelZoo.Get(name).Build();

        var svg = XDocument.Parse(network.Plot(PlotFormat.Svg, depth));

        var boxes = svg.Descendants(Svg + "g").Where(g => ((string?)g.Attribute("class"))?.Split(' ').Contains("layer") == true).ToArray();
        var expected = depth == 0
            ? network.Nodes.Select(n => n.Name)
            : network.Nodes.Select(n => n.Scope.Length == 0 ? n.Name : n.Scope.Split('/')[0]).Distinct();
        Assert.Equal(expected, boxes.Select(b => (string)b.Element(Svg + "title")!));
        var rects = boxes.Select(b => b.Element(Svg + "rect")!).Select(r => (
            X: Number(r, "x"), Y: Number(r, "y"), W: Number(r, "width"), H: Number(r, "height"))).ToArray();
        for (int i = 0; i < rects.Length; i++)
        {
            for (int j = i + 1; j < rects.Length; j++)
            {
                var (a, b) = (rects[i], rects[j]);
                bool apart = a.X + a.W <= b.X || b.X + b.W <= a.X || a.Y + a.H <= b.Y || b.Y + b.H <= a.Y;
                Assert.True(apart, $"{boxes[i].Element(Svg + "title")!.Value} overlaps {boxes[j].Element(Svg + "title")!.Value}");
            }
        }
    }

    [Theory]
    [InlineData("lenet5")]
    [InlineData("googlenet")]
    [InlineData("resnet50")]
    public void TheMermaidFlowchartHasANodePerLayerAndAnEdgePerInput(string name)
    {
        var network = ModelZoo.Get(name).Build();

        string mermaid = network.Plot(PlotFormat.Mermaid);

        var lines = mermaid.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("flowchart TB", lines[0]);
        var nodes = lines.Select(l => MermaidNode().Match(l)).Where(m => m.Success).ToArray();
        var edges = lines.Select(l => MermaidEdge().Match(l)).Where(m => m.Success).ToArray();
        Assert.Equal(lines.Length - 2, nodes.Length + edges.Length);
        Assert.Equal(network.Nodes.Select(n => n.Name), nodes.Select(m => m.Groups["name"].Value));
        Assert.Equal(network.Nodes.Sum(n => n.Inputs.Distinct().Count()), edges.Length);
        var ids = nodes.Select(m => m.Groups["id"].Value).ToHashSet();
        Assert.All(edges, e => Assert.True(ids.Contains(e.Groups[1].Value) && ids.Contains(e.Groups[2].Value)));
        Assert.Equal(network.Nodes.Count - network.InferenceNodes.Count, nodes.Count(m => m.Value.EndsWith(":::aux", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheDotGraphHasANodePerBlockAtDepthOne()
    {
        var network = ModelZoo.Get("googlenet").Build();

        string dot = network.Plot(PlotFormat.Dot, depth: 1);

        Assert.StartsWith("digraph \"googlenet\" {", dot, StringComparison.Ordinal);
        Assert.Contains("n1 [label=\"", dot, StringComparison.Ordinal);
        Assert.Contains("style=dashed", dot, StringComparison.Ordinal);
    }

    private static double Number(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);

    [GeneratedRegex("^    (?<id>n[0-9]+)\\[\"(?<name>[^<\"]+)<br/>[^\"]*\"\\](:::aux)?$")]
    private static partial Regex MermaidNode();

    [GeneratedRegex("^    (n[0-9]+) --> (n[0-9]+)$")]
    private static partial Regex MermaidEdge();
}
