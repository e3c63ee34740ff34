using System.Text;
using FluentNets.Export.Plot;
using FluentNets.Training;
using static FluentNets.Interactive.Html;

namespace FluentNets.Interactive;

/// <summary>An evaluation in a notebook: its numbers as a table; a confusion matrix as its accuracy over a heat map.</summary>
internal static class EvaluationHtml
{
    public static string Of(Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        int correct = (int)Math.Round(evaluation.Accuracy * evaluation.Count);
        return new StringBuilder("<table class=\"fluentnets-evaluation\"><tbody>")
            .Append("<tr><th>accuracy</th><td>").Append(Number(evaluation.Accuracy)).Append(FormattableString.Invariant($" ({correct} of {evaluation.Count})")).Append("</td></tr>")
            .Append("<tr><th>top-5</th><td>").Append(Number(evaluation.Top5)).Append("</td></tr>")
            .Append("<tr><th>loss</th><td>").Append(Number(evaluation.Loss)).Append("</td></tr>")
            .Append("</tbody></table>")
            .ToString();
    }

    public static string Of(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return $"<div class=\"fluentnets-confusion\">{InlineSvg(matrix.Plot())}</div>";
    }
}
