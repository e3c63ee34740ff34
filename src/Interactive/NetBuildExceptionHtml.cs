using System.Text;
using static FluentNets.Interactive.Html;

namespace FluentNets.Interactive;

/// <summary>
/// A network that could not be built, in a notebook: the message with the failing layer marked
/// and the shapes it received; the stack trace, which points into the builder, is left out.
/// </summary>
internal static class NetBuildExceptionHtml
{
    public static string Of(NetBuildException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        string message = exception.Message;
        var html = new StringBuilder("<div class=\"fluentnets-error\" style=\"border-left:4px solid #d62728;padding:4px 12px\">");
        html.Append("<p><strong>NetBuildException</strong></p><p>");
        // The message starts with the layer's path; that is what the reader looks for first.
        if (message.StartsWith(exception.Layer, StringComparison.Ordinal))
        {
            html.Append("<mark class=\"layer\">").Append(Escape(exception.Layer)).Append("</mark>").Append(Escape(message[exception.Layer.Length..]));
        }
        else
        {
            html.Append("<mark class=\"layer\">").Append(Escape(exception.Layer)).Append("</mark>: ").Append(Escape(message));
        }

        html.Append("</p>");
        if (exception.Inputs.Count > 0)
        {
            html.Append("<p>input").Append(exception.Inputs.Count == 1 ? "" : "s").Append(": ")
                .Append(Escape(string.Join(", ", exception.Inputs.Select(s => s.ToString())))).Append("</p>");
        }

        return html.Append("</div>").ToString();
    }
}
