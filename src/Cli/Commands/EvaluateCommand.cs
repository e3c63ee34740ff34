using System.CommandLine;
using System.Diagnostics;
using FluentNets.Backends;
using FluentNets.Data;
using FluentNets.Export.Plot;
using FluentNets.Training;
using FluentNets.Weights;
using FluentNets.Zoo;

namespace FluentNets.Cli.Commands;

/// <summary>
/// <c>fluentnets evaluate &lt;model&gt; --weights FILE [--data SPEC] [--batch N] [--device auto|cpu|cuda]
/// [--format text|json] [--input HxWxC] [--classes N] [--confusion FILE.svg] [--inference true|false]</c>: builds the model as <c>train</c> does, loads
/// weights <c>train --save</c> wrote, and measures them on the same validation split, with the network compiled for
/// inference unless <c>--inference false</c> asks for it as train compiles it; with <c>--confusion</c> it also draws the
/// confusion matrix, with the class names the weights recorded.
/// </summary>
/// <param name="models">The models it can build.</param>
/// <param name="backends">The backends, by device.</param>
/// <param name="output">Where it prints.</param>
public sealed class EvaluateCommand(IReadOnlyList<ZooModel> models, BackendFactory backends, CliOutput output) : ICliCommand
{
    /// <inheritdoc />
    public Command Create()
    {
        var model = ModelOptions.Model(models);
        var input = ModelOptions.Input();
        var classes = ModelOptions.Classes();
        classes.Description = "Number of classes of the last layer. Default: the data's class count.";
        var weights = ModelOptions.Weights("The weights to measure: the safetensors file `train --save` wrote for this model, data, --input and --classes, Keras's or PyTorch's.", required: true);
        var data = RunOptions.Data();
        var batch = RunOptions.Batch("Examples per batch; give train's --batch, if it had one, to reproduce its numbers exactly.");
        var normalize = RunOptions.Normalize("Give train's --normalize: standard standardises with the training split's per-channel mean and deviation, as train does; none leaves pixels in [0, 1].");
        var device = RunOptions.Device();
        var format = RunOptions.Format();
        var includeTop = ModelOptions.IncludeTop("Ended by --head N.");
        var head = ModelOptions.Head();
        var confusion = new Option<string?>("--confusion")
        {
            Description = "Draw the confusion matrix of the validation split (actual classes down, predicted across, with their names) to this SVG file.",
            HelpName = "FILE.svg",
        };
        var allowNonFinite = RunOptions.AllowNonFinite();
        var maxPixels = RunOptions.MaxImagePixels();
        var inference = RunOptions.Inference();

        var command = new Command("evaluate", "Measure saved weights on the data's validation split, as train reports it.")
        {
            model, weights, data, batch, normalize, device, format, input, classes, includeTop, head, confusion, allowNonFinite, maxPixels, inference,
        };
        command.SetAction(parse => Evaluate(
            parse.GetRequiredValue(model),
            parse.GetValue(input),
            parse.GetValue(classes),
            ModelOptions.NewHead(parse.GetRequiredValue(model), parse.GetRequiredValue(includeTop) == "true", parse.GetValue(head), parse.GetValue(classes)),
            parse.GetRequiredValue(weights),
            parse.GetRequiredValue(data),
            parse.GetValue(batch) ?? RunOptions.DefaultBatch(parse.GetRequiredValue(data)),
            parse.GetRequiredValue(normalize) == "standard",
            parse.GetRequiredValue(device),
            parse.GetChoice<OutputFormat>(format),
            parse.GetValue(confusion),
            parse.GetValue(allowNonFinite),
            parse.GetValue(maxPixels),
            parse.GetRequiredValue(inference) == "true"));
        return command;
    }

    private int Evaluate(
        ZooModel model, Shape? input, int? classes, int? head, string weights, string data, int batch, bool standardize, string device, OutputFormat format,
        string? confusion, bool allowNonFinite, long maxPixels, bool forInference)
    {
        WeightsArgument.RequireFile(weights);
        string? confusionPath = confusion is null ? null : PictureFile.Check(confusion, "--confusion");

        // What train --save recorded (input, preprocessing, a folder's split) needs no flag to repeat.
        var recorded = NetworkMetadata.Read(weights);
        var options = new DataOptions(
            recorded.Preprocess is null or "standard" or "unit" ? null : ImagePreprocessingExtensions.Parse(recorded.Preprocess),
            data.StartsWith(TrainingInputs.FolderPrefix, StringComparison.OrdinalIgnoreCase) ? recorded.Split : null,
            Prefetch: 4,
            Warn: output.Error.WriteLine,
            MaxImagePixels: maxPixels);
        standardize = recorded.Preprocess switch { "standard" => true, "unit" => false, _ => standardize };
        var (network, _, validation, _, _) = TrainingInputs.Prepare(model, input ?? recorded.Input, head is null ? classes ?? recorded.ClassNames?.Count : null, data, standardize, options, head);
        using var compiled = TrainingInputs.Compile(backends, device, network, seed: 0, forInference);
        WeightsArgument.Load(compiled, weights, output.Error, allowNonFinite);

        var clock = Stopwatch.StartNew();
        var evaluation = compiled.Evaluate(validation, batch);
        clock.Stop();
        TrainingInputs.ReportDamaged(validation, output.Error.WriteLine);
        if (confusionPath is not null)
        {
            // The names train --save recorded for an image folder; the built-in data sets' labels are their names.
            var names = recorded.ClassNames is { } recordedNames && recordedNames.Count == validation.Classes ? recordedNames : null;
            var matrix = ConfusionMatrix.Of(compiled, validation, batch, names);
            PictureFile.Write(confusionPath, "--confusion", matrix.Plot($"{compiled.Network.Name} on {validation.Name}"));
        }

        if (format == OutputFormat.Json)
        {
            output.Out.WriteLine(TrainingReport.EvaluateJson(model.Name, data, compiled.Device, weights, evaluation, clock.Elapsed.TotalSeconds));
            return ExitCodes.Success;
        }

        output.Out.WriteLine(FormattableString.Invariant(
            $"evaluated {weights} on {validation.Name} ({validation.Count} examples), {compiled.Backend} on {compiled.Device}{(forInference ? ", compiled for inference" : "")}, in {clock.Elapsed.TotalSeconds:F1} s"));
        output.Out.WriteLine(FormattableString.Invariant($"validation loss: {evaluation.Loss:F4}  top-5: {evaluation.Top5:F4}"));
        output.Out.WriteLine($"validation accuracy: {TrainingInputs.AccuracyText(evaluation)}");
        if (confusion is not null)
        {
            output.Out.WriteLine($"drew the confusion matrix to {confusion}");
        }

        return ExitCodes.Success;
    }
}
