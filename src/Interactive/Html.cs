using System.Net;
using System.Text.RegularExpressions;

namespace FluentNets.Interactive;

/// <summary>The pieces every FluentNets formatter writes: escaping, numbers, and SVG put inline.</summary>
internal static partial class Html
{
    /// <summary>Text made safe for HTML.</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A whole number with thousands separators, as Keras prints counts: <c>61,706</c>.</summary>
    public static string Count(long value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A rate or a loss with four decimals.</summary>
    public static string Number(double value) => value.ToString("F4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A standalone SVG document as an element to put inside HTML: without its XML declaration,
    /// which an HTML parser would show as text.
    /// </summary>
    public static string InlineSvg(string svg) => XmlDeclaration().Replace(svg, "", 1).Trim();

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();
}
