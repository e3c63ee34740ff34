using FluentNets.Backends.TorchSharp;
using FluentNets.Data;
using FluentNets.Graph;
using FluentNets.Training;
using FluentNets.Zoo;

namespace FluentNets.Cli.Commands;

/// <summary>
/// What <c>train</c> and <c>evaluate</c> share, so that <c>evaluate</c> rebuilds exactly the network
/// and validation data <c>train</c> used: the data of a <c>--data</c> spec, the zoo model built for
/// it, and the network compiled on the TorchSharp backend.
/// </summary>
internal static class TrainingInputs
{
    /// <summary>The training and validation sets of a <c>--data</c> spec.</summary>
    /// <exception cref="CliException">The spec is not one <see cref="DataSets.Parse"/> knows.</exception>
    /// <exception cref="DataFormatException">A file it names is missing or corrupt.</exception>
    private static (DataSet Train, DataSet Validation) Load(string spec)
    {
        try
        {
            return DataSets.Parse(spec);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--data: {e.Message}", ExitCodes.Usage, e);
        }
    }

    /// <summary>
    /// The data of <paramref name="spec"/>, the model built for it (see <see cref="Build"/>), and both
    /// splits resized to the network's input. With <paramref name="standardize"/>, each channel of both
    /// splits is standardised with the training split's mean and deviation, so <c>evaluate</c>, which
    /// loads the same training split, standardises its validation split exactly as <c>train</c> did.
    /// A <see cref="DataOptions.Preprocess"/> mode replaces the standardisation. <c>folder:DIR</c> is
    /// an <see cref="ImageFolder"/> split by <see cref="DataOptions.Split"/> (0.8, 0.2 by default).
    /// A <c>head</c> puts a new head of that many classes on the model without its top
    /// (<see cref="ModelOptions.WithHead"/>) in place of its own classifier.
    /// </summary>
    /// <exception cref="CliException">The spec is unknown, or the model can't take the data.</exception>
    /// <exception cref="DataFormatException">A file it names is missing or corrupt.</exception>
    /// <exception cref="NetBuildException">The model can't be built at that input.</exception>
    public static TrainingSetup Prepare(ZooModel model, Shape? input, int? classes, string spec, bool standardize, DataOptions? options = null, int? head = null)
    {
        options ??= new DataOptions();
        var (train, validation, classNames) = spec.StartsWith(FolderPrefix, StringComparison.OrdinalIgnoreCase)
            ? LoadFolder(spec[FolderPrefix.Length..], input ?? model.DefaultInput, options)
            : Split(Load(spec), options.Split);
        var network = Build(model, input, classes, head, train);
        train = train.ResizeTo(network.Input.Shape).Prefetch(options.Prefetch);
        validation = validation.ResizeTo(network.Input.Shape).Prefetch(options.Prefetch);
        if (options.Augment is { } augment)
        {
            train = train.Augment(augment);
        }

        if (options.Preprocess is { } mode)
        {
            try
            {
                return new TrainingSetup(network, train.Preprocess(mode), validation.Preprocess(mode), null, null) { ClassNames = classNames, Preprocess = mode.ToName() };
            }
            catch (ArgumentException e)
            {
                throw new CliException($"--preprocess {mode.ToName()}: {e.Message}", ExitCodes.Usage, e);
            }
        }

        if (!standardize)
        {
            return new TrainingSetup(network, train, validation, null, null) { ClassNames = classNames, Preprocess = "unit" };
        }

        var (mean, std) = train.ChannelStatistics();
        // A channel that never changes has no deviation to divide by; centring it is all there is to do.
        std = std.Select(s => s > 0 && float.IsFinite(s) ? s : 1f).ToArray();
        return new TrainingSetup(network, train.Normalize(mean, std), validation.Normalize(mean, std), mean, std) { ClassNames = classNames, Preprocess = "standard" };
    }

    /// <summary>
    /// <c>skipped 3 files of DIR: a.jpg (reason); ...</c>: the count and the first five files, for a folder's files
    /// skipped when it was read (<paramref name="where"/> <c>of DIR</c>) or found damaged when their pixels were decoded.
    /// </summary>
    public static string Skipped(IReadOnlyList<SkippedFile> files, string where) =>
        // A file's name may hold any character but '/': written as escapes, none can break the line or the terminal.
        CliOutput.Printable(
            $"skipped {files.Count} file{(files.Count == 1 ? "" : "s")} {where}: "
            + string.Join("; ", files.Take(5).Select(f => $"{f.Path} ({f.Reason})"))
            + (files.Count > 5 ? $"; and {files.Count - 5} more" : ""));

    /// <summary>The files of <paramref name="data"/> found damaged while decoding, on one line, or nothing when there are none.</summary>
    public static void ReportDamaged(DataSet data, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(warn);
        if (data.Damaged.Count > 0)
        {
            warn(Skipped(data.Damaged, "whose pixels are damaged (their headers were fine), left out of every batch"));
        }
    }

    /// <summary>The prefix of an image folder's <c>--data</c> spec.</summary>
    public const string FolderPrefix = "folder:";

    private static (DataSet Train, DataSet Validation, IReadOnlyList<string>? ClassNames) Split((DataSet Train, DataSet Validation) data, IReadOnlyList<double>? fractions)
    {
        if (fractions is null)
        {
            return (data.Train, data.Validation, null);
        }

        throw new CliException("--split applies to --data folder:DIR; the other data sets come with their own split.");
    }

    private static (DataSet Train, DataSet Validation, IReadOnlyList<string> ClassNames) LoadFolder(string directory, Shape shape, DataOptions options)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new CliException("--data folder: names no directory: expected folder:DIR, e.g. folder:./flower_photos.");
        }

        var folder = ImageFolder.Load(directory, Shape.Image(shape.Height, shape.Width, shape.Channels is 1 or 3 ? shape.Channels : 3), options.MaxImagePixels);
        if (folder.Skipped.Count > 0)
        {
            options.Warn?.Invoke(Skipped(folder.Skipped, $"of {directory}"));
        }

        var fractions = options.Split ?? [0.8, 0.2];
        try
        {
            var parts = folder.Data.Split(fractions, seed: 0);
            return (parts[0], parts[1], folder.ClassNames);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--split: {e.Message.Replace(" (Parameter 'fractions')", "", StringComparison.Ordinal)}", ExitCodes.Usage, e);
        }
    }

    /// <summary>
    /// The model at <paramref name="input"/> (its published input when null) with one score per class
    /// of <paramref name="data"/> (or <paramref name="classes"/>, or a new head of <paramref name="head"/>), checked to take the data's images.
    /// </summary>
    /// <exception cref="CliException">Fewer classes than the data has, or images the input can't take.</exception>
    /// <exception cref="NetBuildException">The model can't be built at that input.</exception>
    private static Network Build(ZooModel model, Shape? input, int? classes, int? head, DataSet data)
    {
        if ((head ?? classes) is { } count && count < data.Classes)
        {
            throw new CliException($"{(head is null ? "--classes" : "--head")} {count} is fewer than the {data.Classes} classes of {data.Name}.");
        }

        var network = head is { } n ? ModelOptions.WithHead(model, input, n) : model.Build(input, classes ?? data.Classes);
        try
        {
            data.ResizeTo(network.Input.Shape);
        }
        catch (ArgumentException e)
        {
            // ArgumentException appends " (Parameter 'target')", which means nothing to a CLI user.
            string reason = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            throw new CliException($"{model.Name} takes {network.Input.Shape} images: {reason}", ExitCodes.Usage, e);
        }

        return network;
    }

    /// <summary>
    /// The network compiled on the TorchSharp backend for <paramref name="device"/>, initialised from
    /// <paramref name="seed"/>; with <paramref name="forInference"/>, compiled for inference
    /// (<see cref="TorchSharpBackend.CompileForInference"/>), which evaluates and predicts but does not train.
    /// </summary>
    /// <exception cref="CliException">The device is not there, or the native libraries do not load.</exception>
    public static ITrainableNetwork Compile(BackendFactory backends, string device, Network network, int seed, bool forInference = false)
    {
        var backend = backends.Get(TorchSharpBackend.BackendName, device);
        var compiled = forInference && backend is TorchSharpBackend torch ? torch.CompileForInference(network, seed) : backend.Compile(network, seed);
        if (compiled is ITrainableNetwork trainable)
        {
            return trainable;
        }

        compiled.Dispose();
        throw new CliException($"the {compiled.Backend} backend compiles networks that do not train.", ExitCodes.Failure);
    }

    /// <summary>The number of examples an accuracy counts as correct: accuracy is correct / count exactly.</summary>
    public static int Correct(Evaluation evaluation) => (int)Math.Round(evaluation.Accuracy * evaluation.Count);

    /// <summary><c>0.9749 (350/359)</c>.</summary>
    public static string AccuracyText(Evaluation evaluation) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{evaluation.Accuracy:F4} ({Correct(evaluation)}/{evaluation.Count})");
}
