using System.Text;
using FluentNets.Export.Plot;
using FluentNets.Training;
using static FluentNets.Interactive.Html;

namespace FluentNets.Interactive;

/// <summary>A training history in a notebook: the loss and accuracy curves, and the last epoch's numbers under them.</summary>
internal static class HistoryHtml
{
    public static string Of(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var html = new StringBuilder("<div class=\"fluentnets-history\">");
        html.Append(InlineSvg(history.Plot()));
        if (history.Epochs.Count > 0)
        {
            html.Append("<p>").Append(Escape(FitProgress.Line(history.Epochs[^1], epochs: 0)));
            html.Append(history.StoppedEarly ? " (stopped early)" : "").Append("</p>");
        }

        return html.Append("</div>").ToString();
    }
}
