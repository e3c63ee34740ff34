using System.Globalization;
using System.Xml.Linq;

namespace FluentNets.Export.Plot;

/// <summary>What every FluentNets SVG shares: the namespace, number formatting, and the document around the root.</summary>
internal static class SvgText
{
    /// <summary>The SVG namespace.</summary>
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    /// <summary>A coordinate with at most one decimal.</summary>
    public static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A value as it round-trips (<c>R</c>), for the data attributes a reader parses back.</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A root <c>svg</c> element of the given size, white behind, in the sans-serif font charts use.</summary>
    public static XElement Root(double width, double height, string title) =>
        new(Ns + "svg",
            new XAttribute("width", F(width)), new XAttribute("height", F(height)),
            new XAttribute("viewBox", $"0 0 {F(width)} {F(height)}"),
            new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", "12"),
            new XElement(Ns + "title", title),
            new XElement(Ns + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "white")));

    /// <summary>A <c>text</c> element at (x, y).</summary>
    public static XElement Text(double x, double y, string text, string anchor = "middle", params object?[] attributes) =>
        new(Ns + "text", new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("text-anchor", anchor), attributes, text);

    /// <summary>The document as text, with its XML declaration.</summary>
    public static string Document(XElement root) => new XDocument(new XDeclaration("1.0", "utf-8", null), root).ToString() + "\n";
}
