using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FluentNets.Backends;
using FluentNets.Cli.Runtime;
using FluentNets.Training;
using FluentNets.Weights;
using FluentNets.Zoo;
using Spectre.Console;

namespace FluentNets.Cli.Commands;

/// <summary>
/// <c>fluentnets train &lt;model&gt; [--data SPEC] [--epochs N] [--batch N] [--optimizer sgd|adam|adamw] [--lr X]
/// [--momentum X] [--decay X] [--device auto|cpu|cuda] [--seed N] [--save FILE] [--format text|json] [--input HxWxC]
/// [--classes N | --include-top false --head N] [--weights FILE [--new-head]] [--freeze base|LAYER] [--preprocess MODE] [--split F,F[,F]]
/// [--augment flip|crop|flip,crop] [--checkpoint FILE] [--resume FILE] [--plot FILE.svg]</c>: trains a zoo model on the
/// TorchSharp backend, validating on the data's held-out split after every epoch; with --weights and
/// --freeze it fine-tunes a base under a new head, as seed 001's transfer learning does.
/// </summary>
/// <param name="models">The models it can build.</param>
/// <param name="backends">The backends, by device.</param>
/// <param name="output">Where it prints.</param>
/// <param name="oneDnn">Turns oneDNN off before CPU training where it would crash.</param>
public sealed class TrainCommand(IReadOnlyList<ZooModel> models, BackendFactory backends, CliOutput output, OneDnnGuard oneDnn) : ICliCommand
{
    /// <inheritdoc />
    public Command Create()
    {
        var model = ModelOptions.Model(models);
        var input = ModelOptions.Input();
        var classes = ModelOptions.Classes();
        classes.Description = "Number of classes of the last layer. Default: the data's class count.";
        var data = RunOptions.Data();
        var epochs = RunOptions.Positive("--epochs", 10, "Passes over the training data.");
        var batch = RunOptions.Batch("Examples per step, and per validation batch.");
        var optimizer = RunOptions.Optimizer();
        var rate = RunOptions.LearningRate();
        var schedule = RunOptions.Schedule("constant or cosine (from the rate down to 0 over the epochs). Default: constant; cosine for --data digits.");
        var device = RunOptions.Device();
        var seed = RunOptions.Seed();
        var save = new Option<string?>("--save")
        {
            Description = "Write the final weights to this safetensors file; `evaluate --weights FILE` with the same model, --data, --batch and --normalize gives the same validation numbers. "
                + "The file is claimed before training (a second run saving to it is refused) and replaced only when training ends; Ctrl-C or SIGTERM leaves it as it was.",
            HelpName = "FILE",
        };
        var plot = new Option<string?>("--plot")
        {
            Description = "Draw the loss and accuracy curves (training and validation) to this SVG file, rewritten after every epoch so a long run can be watched.",
            HelpName = "FILE.svg",
        };
        var normalize = RunOptions.Normalize(
            "standard: subtract each channel's mean over the training split and divide by its deviation, "
            + "after resizing to the model's input; none: pixels in [0, 1] as loaded. Without it, LeNet-5 on the digits ends about 0.8 points lower.");
        var format = RunOptions.Format();
        var includeTop = ModelOptions.IncludeTop("Ended by --head N.");
        var head = ModelOptions.Head();
        var fine = new FineTuningOptions();

        var command = new Command("train", $"Train a model on the TorchSharp backend, validating on the data's held-out split after every epoch. {DigitsRecipe.Why}")
        {
            model, data, epochs, batch, optimizer, rate, schedule, normalize, device, seed, save, plot, format, input, classes, includeTop, head,
        };
        fine.AddTo(command);
        command.SetAction(parse => Train(new Request(
            parse.GetRequiredValue(model),
            parse.GetValue(input),
            parse.GetValue(classes),
            ModelOptions.NewHead(parse.GetRequiredValue(model), parse.GetRequiredValue(includeTop) == "true", parse.GetValue(head), parse.GetValue(classes)),
            parse.GetRequiredValue(data),
            parse.GetValue(epochs),
            parse.GetValue(batch) ?? RunOptions.DefaultBatch(parse.GetRequiredValue(data)),
            parse.GetRequiredValue(optimizer).ToLowerInvariant(),
            fine.Optimizer(RunOptions.OptimizerOf(parse, optimizer, rate, parse.GetRequiredValue(data)), parse),
            parse.GetValue(schedule) ?? (DigitsRecipe.AppliesTo(parse.GetRequiredValue(data)) ? DigitsRecipe.Schedule : "constant"),
            parse.GetRequiredValue(normalize) == "standard",
            parse.GetRequiredValue(device),
            parse.GetValue(seed),
            parse.GetValue(save),
            parse.GetValue(plot),
            parse.GetChoice<OutputFormat>(format),
            fine.Read(parse))));
        return command;
    }

    private int Train(Request request)
    {
        // Registered from the claim until the weights are saved: Ctrl-C or SIGTERM while the data
        // loads stops before the first step, and one during the save lets it finish, instead of
        // killing the process with a partial file behind.
        using var interruption = new Interruption();
        using var target = request.Save is null ? null : Claim(request.Save);
        if (target is { ReclaimedStalePartial: true })
        {
            output.WriteError($"--save {request.Save}: {Path.GetFileName(target.PartialPath)} was left by a run that was killed before it could remove it; this run takes it over.");
        }

        string? checkpointPath = request.Tuning.Checkpoint is null ? null : CheckWritable(request.Tuning.Checkpoint, "--checkpoint");
        string? plotPath = request.Plot is null ? null : PictureFile.Check(request.Plot, "--plot");
        var tuning = request.Tuning;
        var setup = TrainingInputs.Prepare(
            request.Model, request.Input, request.Classes, request.Data, request.Standardize,
            new DataOptions(tuning.Preprocess, tuning.Split, tuning.Augment, tuning.Prefetch, output.Error.WriteLine, tuning.MaxImagePixels), request.Head);
        var (_, train, validation, mean, std) = setup;
        var network = tuning.Frozen(setup.Network);
        if (target is not null)
        {
            EnsureRoom(target, network, request.Save!);
        }

        using var compiled = TrainingInputs.Compile(backends, request.Device, network, request.Seed);
        if (tuning.Weights is { } initial)
        {
            var fresh = tuning.LoadInitialWeights(compiled, initial, output.Error, headIsNew: request.Head is not null);
            if (fresh.Count > 0 && request.Format != OutputFormat.Json)
            {
                output.Out.WriteLine($"new head: {string.Join(", ", fresh)} start from fresh weights");
            }
        }

        if (compiled.Device == "cpu" && oneDnn.EnsureTrainingSurvives() is { } fallback)
        {
            output.Error.WriteLine(fallback);
        }

        var options = new FitOptions
        {
            Epochs = request.Epochs,
            BatchSize = request.Batch,
            Optimizer = request.Optimizer,
            Schedule = RunOptions.ScheduleOf(request.Schedule, request.Epochs),
            Validation = validation,
            Seed = request.Seed,
            CheckpointPath = checkpointPath,
            ResumeFrom = tuning.Resume,
            // The curves come first, so the epoch an interruption stops after is still drawn.
            Callbacks = plotPath is null ? [interruption] : [new CurvesFile(plotPath, $"{network.Name} on {train.Name}"), interruption],
            Cancellation = interruption.Token,
        };

        var clock = Stopwatch.StartNew();
        TrainingHistory history;
        try
        {
            if (request.Format == OutputFormat.Json)
            {
                history = compiled.Fit(train, options);
            }
            else
            {
                output.Out.WriteLine(Header(request, network, train.Name, train.Count, validation.Count, compiled));
                output.Out.WriteLine(setup.Preprocess is "standard" or "unit" ? Inputs(mean, std) : $"inputs: keras.applications' {setup.Preprocess} preprocessing");
                if (network.HasFrozenLayers)
                {
                    output.Out.WriteLine(FormattableString.Invariant(
                        $"frozen: {network.Nodes.Count(network.IsFrozen)} of {network.Nodes.Count} layers, {network.Analysis.Params.Trainable:N0} of {network.Analysis.Params.Total:N0} parameters train"));
                }

                history = output.IsTerminal ? FitWithProgressBars(compiled, train, options) : compiled.Fit(train, options with
                {
                    Callbacks = [.. options.Callbacks, new EpochLines(output.Out, request.Epochs)],
                });
            }
        }
        catch (OperationCanceledException e) when (interruption.Requested)
        {
            string kept = target is null ? "" : File.Exists(target.Path) ? $"; {request.Save} is as it was" : $"; nothing was saved to {request.Save}";
            throw new CliException($"{interruption.What} {interruption.Where}{kept}.", interruption.ExitCode, e);
        }

        clock.Stop();
        TrainingInputs.ReportDamaged(train, output.Error.WriteLine);
        var final = history.Epochs[^1].Validation!;
        if (target is not null)
        {
            var metadata = new NetworkMetadata(network.Input.Shape, setup.Preprocess, mean, std, setup.ClassNames ?? Enumerable.Range(0, train.Classes).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray())
            {
                Split = setup.ClassNames is null ? null : tuning.Split ?? [0.8, 0.2],
            };
            Save(compiled, target, request.Save!, metadata);
        }

        if (request.Format == OutputFormat.Json)
        {
            var settings = new TrainingSettings(request.Batch, request.OptimizerName, request.Optimizer.LearningRate, request.Schedule, request.Standardize, request.Seed);
            output.Out.WriteLine(TrainingReport.TrainJson(request.Model.Name, request.Data, compiled.Device, settings, history, final, clock.Elapsed.TotalSeconds));
            return ExitCodes.Success;
        }

        output.Console.Write(TrainingReport.Table(history));
        if (target is not null)
        {
            output.Out.WriteLine($"saved the weights to {request.Save}");
        }

        if (request.Plot is not null)
        {
            output.Out.WriteLine($"drew the curves to {request.Plot}");
        }

        output.Out.WriteLine(FormattableString.Invariant($"trained in {clock.Elapsed.TotalSeconds:F1} s"));
        output.Out.WriteLine($"final validation accuracy: {TrainingInputs.AccuracyText(final)}");
        return ExitCodes.Success;
    }

    private TrainingHistory FitWithProgressBars(ITrainableNetwork compiled, Data.DataSet train, FitOptions options) =>
        output.Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context => compiled.Fit(train, options with
            {
                Callbacks = [.. options.Callbacks, new EpochProgressBars(context, options.Epochs, options.BatchSize, train.Count)],
            }));

    private static string Header(Request request, Graph.Network network, string data, int training, int validating, ICompiledNetwork compiled) =>
        string.Join(", ",
            FormattableString.Invariant($"training {network.Name} ({network.Analysis.Params.Total:N0} parameters, input {network.Input.Shape}) on {data}"),
            FormattableString.Invariant($"{training} training and {validating} validation examples"),
            $"{compiled.Backend} on {compiled.Device}",
            FormattableString.Invariant($"{request.OptimizerName} rate {request.Optimizer.LearningRate:G4} ({request.Schedule})"),
            FormattableString.Invariant($"batch {request.Batch}, {request.Epochs} epochs, seed {request.Seed}"));

    private static string Inputs(IReadOnlyList<float>? mean, IReadOnlyList<float>? std) =>
        mean is null || std is null
            ? "inputs: pixels in [0, 1] as loaded"
            : FormattableString.Invariant(
                $"inputs standardised with the training split's mean [{string.Join(", ", mean.Select(m => m.ToString("F4", CultureInfo.InvariantCulture)))}] and deviation [{string.Join(", ", std.Select(s => s.ToString("F4", CultureInfo.InvariantCulture)))}]");

    private static void Save(ICompiledNetwork compiled, WeightFileTarget target, string given, NetworkMetadata metadata)
    {
        try
        {
            target.Write(compiled.GetState(), metadata.ToDictionary(compiled.Network.Name, compiled.Backend));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--save {given}: {e.Message} {Path.GetFileName(target.PartialPath)} was removed; the trained weights are lost.", ExitCodes.Failure, e);
        }
    }

    // Every parameter and buffer as float32, plus room for the header.
    private static void EnsureRoom(WeightFileTarget target, Graph.Network network, string given)
    {
        try
        {
            target.EnsureRoomFor((network.Analysis.Params.Total * sizeof(float)) + (1 << 20));
        }
        catch (IOException e)
        {
            throw new CliException($"--save {given}: {e.Message}", ExitCodes.Usage, e);
        }
    }

    // Claimed before training, so that a typo in the path, a folder that can't be written, a device
    // or a run already saving there does not cost the whole run.
    private static WeightFileTarget Claim(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliException("--save needs a file name, e.g. --save weights.safetensors.");
        }

        if (Directory.Exists(path))
        {
            throw new CliException($"--save {path}: is a directory; expected a file name such as {Path.Combine(path, "weights.safetensors")}.");
        }

        try
        {
            return WeightFileTarget.Open(path);
        }
        catch (IOException e)
        {
            throw new CliException($"--save {path}: {e.Message}", ExitCodes.Usage, e);
        }
    }

    // Checked before training, so that a typo in the path does not cost the whole run (the checkpoint
    // is written atomically after every epoch, so it needs no claim).
    private static string CheckWritable(string path, string option)
    {
        string full = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(full);
        if (Directory.Exists(full) || (directory is not null && !Directory.Exists(directory)))
        {
            throw new CliException(Directory.Exists(full)
                ? $"{option} {path}: is a directory; expected a file name such as {Path.Combine(path, "weights.safetensors")}."
                : $"{option} {path}: the directory {directory} does not exist.");
        }

        return full;
    }

    private sealed record Request(
        ZooModel Model, Shape? Input, int? Classes, int? Head, string Data, int Epochs, int Batch, string OptimizerName, Optimizer Optimizer, string Schedule, bool Standardize, string Device, int Seed, string? Save, string? Plot, OutputFormat Format, FineTuning Tuning);
}
