using System.Text;
using FluentNets.Analysis;
using FluentNets.Export.Plot;
using FluentNets.Graph;
using FluentNets.Summary;
using static FluentNets.Interactive.Html;

namespace FluentNets.Interactive;

/// <summary>
/// A network in a notebook: Keras's <c>model.summary()</c> as an HTML table with its totals, and
/// <c>plot_model</c>'s picture beside it, both at depth 1 (a block is one row and one box); a
/// network with blocks adds a closed "every layer" section with both at full depth.
/// </summary>
internal static class NetworkHtml
{
    public static string Of(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var analysis = network.Analysis;
        bool blocks = network.Nodes.Any(n => n.Scope.Length > 0);
        var html = new StringBuilder();
        html.Append("<div class=\"fluentnets-network\">");
        html.Append("<h4>").Append(Escape(network.Name)).Append("</h4>");
        html.Append("<div style=\"display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start\">");
        html.Append("<div>").Append(Table(analysis, depth: 1)).Append(Totals(analysis)).Append("</div>");
        html.Append("<div class=\"fluentnets-plot\" data-depth=\"1\">").Append(InlineSvg(network.Plot(PlotFormat.Svg, depth: 1))).Append("</div>");
        html.Append("</div>");
        if (blocks)
        {
            html.Append(FormattableString.Invariant($"<details><summary>every layer ({network.Nodes.Count})</summary>"));
            html.Append("<div style=\"display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start\">");
            html.Append("<div>").Append(Table(analysis, depth: 0)).Append("</div>");
            html.Append("<div class=\"fluentnets-plot\" data-depth=\"0\">").Append(InlineSvg(network.Plot(PlotFormat.Svg, depth: 0))).Append("</div>");
            html.Append("</div></details>");
        }

        return html.Append("</div>").ToString();
    }

    private static string Table(NetworkAnalysis analysis, int depth)
    {
        var rows = SummaryRow.Of(analysis, depth);
        bool chain = SummaryTable.IsChain(analysis);
        bool trainable = rows.Any(r => r.Frozen);
        var html = new StringBuilder("<table class=\"fluentnets-summary\"><thead><tr><th>Layer (type)</th><th>Output Shape</th><th>Param #</th><th>MACs</th>");
        html.Append(chain ? "" : "<th>Connected to</th>").Append(trainable ? "<th>Trainable</th>" : "").Append("</tr></thead><tbody>");
        foreach (var r in rows)
        {
            html.Append("<tr><td>").Append(Escape($"{r.Name} ({r.Type})")).Append("</td>");
            html.Append("<td>").Append(Escape(r.IsInput ? $"[{r.Shape.ToKeras()}]" : r.Shape.ToKeras())).Append("</td>");
            html.Append("<td style=\"text-align:right\">").Append(Count(r.Params.Total)).Append("</td>");
            html.Append("<td style=\"text-align:right\">").Append(Count(r.Macs)).Append("</td>");
            if (!chain)
            {
                html.Append("<td>").Append(Escape(string.Join(", ", r.Inputs))).Append("</td>");
            }

            if (trainable)
            {
                html.Append("<td>").Append(r.Frozen ? "N" : "Y").Append("</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    // The totals under Keras's table, worded as SummaryTable words them.
    private static string Totals(NetworkAnalysis a)
    {
        var html = new StringBuilder("<ul class=\"fluentnets-totals\">");
        void Item(string text) => html.Append("<li>").Append(Escape(text)).Append("</li>");
        Item($"Total params: {Count(a.Params.Total)} ({SummaryTable.Size(a.Params.Total * sizeof(float))})");
        Item($"Trainable params: {Count(a.Params.Trainable)} ({SummaryTable.Size(a.Params.Trainable * sizeof(float))})");
        Item($"Non-trainable params: {Count(a.Params.NonTrainable)} ({SummaryTable.Size(a.Params.NonTrainable * sizeof(float))})");
        Item($"Total MACs: {Count(a.Macs)}");
        Item($"Activation memory per example: {SummaryTable.Size(a.ActivationBytes)}");
        return html.Append("</ul>").ToString();
    }
}
