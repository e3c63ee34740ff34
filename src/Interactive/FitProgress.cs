using System.Diagnostics;
using System.Text;
using FluentNets.Backends;
using FluentNets.Training;
using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using static FluentNets.Interactive.Html;

namespace FluentNets.Interactive;

/// <summary>
/// A fit's progress in a notebook, as one display updated in place: a bar for the running epoch
/// with its loss and accuracy so far, and a line per finished epoch with its validation numbers.
/// Once the extension is loaded, every <c>Fit</c> a cell runs gets one (<see cref="ForCell"/>);
/// name one in <see cref="FitOptions.Callbacks"/> to give it the epoch count yourself. Outside a
/// notebook it does nothing.
/// </summary>
/// <param name="epochs">The fit's epoch count, shown as "epoch 3/10"; unknown ("epoch 3") when 0.</param>
public sealed class FitProgress(int epochs = 0) : ITrainingCallback
{
    // A notebook repaints on every update; a few a second are enough to watch and cost nothing.
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly KernelInvocationContext? context = KernelInvocationContext.Current;
    private readonly Stopwatch sinceUpdate = new();
    private readonly List<string> finished = [];
    private DisplayedValue? display;

    /// <summary>
    /// The progress display of a fit with <paramref name="options"/> when a notebook cell runs it and
    /// its options hold no <see cref="FitProgress"/> already; null otherwise.
    /// </summary>
    public static FitProgress? ForCell(FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return KernelInvocationContext.Current is null || options.Callbacks.Any(c => c is FitProgress) ? null : new FitProgress(options.Epochs);
    }

    /// <summary>The updates sent to the notebook so far, the first display included.</summary>
    public int Updates { get; private set; }

    /// <inheritdoc />
    public void OnBatchEnd(int epoch, int batch, int batches, double loss, double accuracy)
    {
        if (display is not null && sinceUpdate.Elapsed < Interval && batch < batches)
        {
            return;
        }

        string bar = FormattableString.Invariant(
            $"<progress max=\"{batches}\" value=\"{batch}\"></progress> {Escape(Label(epoch))}: batch {batch}/{batches}, loss {Number(loss)}, accuracy {Number(accuracy)}");
        Show(bar);
    }

    /// <inheritdoc />
    public bool OnEpochEnd(EpochResult result, ICompiledNetwork network)
    {
        ArgumentNullException.ThrowIfNull(result);
        finished.Add(Line(result, epochs));
        Show(null);
        return true;
    }

    /// <summary><c>epoch 3/10: loss 0.1234, accuracy 0.9650, val_loss 0.1100, val_accuracy 0.9721</c>.</summary>
    internal static string Line(EpochResult result, int epochs)
    {
        var line = new StringBuilder(epochs > 0 ? FormattableString.Invariant($"epoch {result.Epoch}/{epochs}") : FormattableString.Invariant($"epoch {result.Epoch}"));
        line.Append(": loss ").Append(Number(result.Loss)).Append(", accuracy ").Append(Number(result.Accuracy));
        if (result.Validation is { } validation)
        {
            line.Append(", val_loss ").Append(Number(validation.Loss)).Append(", val_accuracy ").Append(Number(validation.Accuracy));
        }

        return line.ToString();
    }

    private string Label(int epoch) => epochs > 0 ? FormattableString.Invariant($"epoch {epoch}/{epochs}") : FormattableString.Invariant($"epoch {epoch}");

    private void Show(string? running)
    {
        if (context is null)
        {
            return;
        }

        var html = new StringBuilder("<div class=\"fluentnets-progress\">");
        foreach (var line in finished)
        {
            html.Append("<div>").Append(Escape(line)).Append("</div>");
        }

        if (running is not null)
        {
            html.Append("<div>").Append(running).Append("</div>");
        }

        var content = new HtmlString(html.Append("</div>").ToString());
        if (display is null)
        {
            display = context.Display(content, HtmlFormatter.MimeType);
        }
        else
        {
            display.Update(content);
        }

        Updates++;
        sinceUpdate.Restart();
    }
}
