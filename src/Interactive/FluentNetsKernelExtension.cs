using FluentNets.Training;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace FluentNets.Interactive;

/// <summary>
/// What <c>#r "nuget: FluentNets.Interactive"</c> does in a notebook: the package's
/// <c>interactive-extensions/dotnet/extension.dib</c> calls <see cref="Load"/> with the root
/// kernel, as .NET Interactive's extension convention has it (docs/extending-dotnet-interactive.md
/// in dotnet/interactive), and the formatters below replace the default object trees.
/// </summary>
public static class FluentNetsKernelExtension
{
    private static readonly Lock Gate = new();
    private static IDisposable? progress;

    /// <summary>
    /// Registers the HTML formatters: a network as its summary and its plot, a training history as
    /// its curves, an evaluation as its numbers, a confusion matrix as a heat map and a
    /// <see cref="NetBuildException"/> as its message with the layer marked; and every <c>Fit</c> a cell runs shows a <see cref="FitProgress"/>. On a Linux whose
    /// libstdc++ predates GCC 13 it also loads TorchSharp's native library the way the build fixes it.
    /// </summary>
    /// <param name="kernel">The root kernel; unused beyond the check, since formatters are process-wide.</param>
    public static void Load(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        Formatter.Register<Graph.Network>((network, writer) => writer.Write(NetworkHtml.Of(network)), HtmlFormatter.MimeType);
        Formatter.Register<TrainingHistory>((history, writer) => writer.Write(HistoryHtml.Of(history)), HtmlFormatter.MimeType);
        Formatter.Register<Evaluation>((evaluation, writer) => writer.Write(EvaluationHtml.Of(evaluation)), HtmlFormatter.MimeType);
        Formatter.Register<ConfusionMatrix>((matrix, writer) => writer.Write(EvaluationHtml.Of(matrix)), HtmlFormatter.MimeType);
        Formatter.Register<NetBuildException>((exception, writer) => writer.Write(NetBuildExceptionHtml.Of(exception)), HtmlFormatter.MimeType);
        lock (Gate)
        {
            // A fit run by a cell shows one progress display unless its options already hold one.
            progress ??= AmbientCallbacks.Register(FitProgress.ForCell);
        }

        string? native = Native.TorchSharpNativePreload.Run();
        KernelInvocationContext.Current?.DisplayAs(
            "FluentNets.Interactive is loaded: networks, training histories, evaluations and confusion matrices display as pictures; "
            + "a `Fit` in a cell shows its progress in one display, updated in place." + (native is null ? "" : $" {native}"),
            "text/markdown");
    }
}
