using System.CommandLine;
using System.Globalization;
using FluentNets.Backends.TorchSharp;
using FluentNets.Training;
using FluentNets.Weights;

namespace FluentNets.Cli;

/// <summary>
/// The options of the commands that run a network (<c>train</c>, <c>evaluate</c>, <c>verify</c>):
/// data, device, batch size, optimiser and output format: System.CommandLine's typed options, with
/// what each accepts declared by <see cref="OptionRules"/>, whose one-line errors <see cref="Program.Run"/>
/// prints with <see cref="ExitCodes.Usage"/>.
/// </summary>
public static class RunOptions
{
    /// <summary>The <c>--data</c> spec the commands use when none is given: the embedded digits.</summary>
    public const string DefaultData = "digits";

    /// <summary>The <c>--data SPEC</c> option, read by <see cref="Data.DataSets.Parse"/> when the command runs.</summary>
    public static Option<string> Data() => new("--data")
    {
        Description = "digits (the embedded 8x8 digits, split 1438/359), mnist:DIR (IDX files), "
            + "cifar10:DIR (the binary batches), synthetic or synthetic:HxWxC (1000/200 random 10-class examples). "
            + "Images are resized to the model's input.",
        HelpName = "digits|mnist:DIR|cifar10:DIR|synthetic",
        DefaultValueFactory = _ => DefaultData,
    };

    /// <summary>The <c>--batch N</c> the commands use when none is given: <see cref="DigitsRecipe.Batch"/> for the digits, else the seeds' 128.</summary>
    public static int DefaultBatch(string data) => DigitsRecipe.AppliesTo(data) ? DigitsRecipe.Batch : SeedsBatch;

    /// <summary>The seeds' batch size, 128.</summary>
    public const int SeedsBatch = 128;

    /// <summary>The <c>--batch N</c> option, absent meaning <see cref="DefaultBatch"/>.</summary>
    /// <param name="description">What the batch is for; the default is appended.</param>
    public static Option<int?> Batch(string description) => new Option<int?>("--batch")
    {
        Description = $"{description} Default: {SeedsBatch}, as the seeds train; {DigitsRecipe.Batch} for --data digits.",
        HelpName = "N",
    }.Accepts("a positive integer", v => v > 0);

    /// <summary>The <c>--normalize standard|none</c> option, <c>standard</c> when absent.</summary>
    /// <param name="description">The help text.</param>
    public static Option<string> Normalize(string description) => new Option<string>("--normalize")
    {
        Description = description,
        DefaultValueFactory = _ => "standard",
    }.OneOf("standard", "none");

    /// <summary>The <c>--max-image-pixels N</c> option: the most pixels an image file may have, checked in its header before it is decoded.</summary>
    public static Option<long> MaxImagePixels() => new Option<long>(FluentNets.Data.ImageDecoder.LimitOption)
    {
        Description = $"The most pixels (width x height) an image may have; a larger one is refused, or skipped in a folder, before its pixels are allocated. Default: {FluentNets.Data.ImageDecoder.DefaultMaxPixels}, PIL's limit.",
        HelpName = "N",
        DefaultValueFactory = _ => FluentNets.Data.ImageDecoder.DefaultMaxPixels,
    }.Accepts("a positive integer", v => v > 0);

    /// <summary>The <c>--allow-non-finite</c> flag: run with weights that hold NaN or Inf, which are refused otherwise.</summary>
    public static Option<bool> AllowNonFinite() => new(WeightFiles.AllowNonFiniteOption)
    {
        Description = "Use weights even where they hold NaN or Inf (refused otherwise); every output they reach is NaN.",
    };

    /// <summary>The <c>--device</c> option of the TorchSharp backend: a device <see cref="TorchSharpBackendOptions.Device"/> accepts.</summary>
    public static Option<string> Device() => new Option<string>("--device")
    {
        Description = "auto (CUDA when available, else the CPU), cpu, cuda or cuda:N.",
        HelpName = "auto|cpu|cuda",
        DefaultValueFactory = _ => "auto",
    }.Accepts(TorchSharpBackendOptions.AcceptedDevices, TorchSharpBackendOptions.IsDevice);

    /// <summary>A positive integer option such as <c>--epochs N</c>.</summary>
    /// <param name="name">The option's name, with its dashes.</param>
    /// <param name="defaultValue">The value when the option is absent.</param>
    /// <param name="description">The help text.</param>
    public static Option<int> Positive(string name, int defaultValue, string description) => new Option<int>(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
    }.Accepts("a positive integer", v => v > 0);

    /// <summary>The <c>--seed N</c> option: weights, shuffling and dropout.</summary>
    public static Option<int> Seed() => new Option<int>("--seed")
    {
        Description = "Seed of the initial weights, the shuffling and dropout: on the CPU, the same seed gives the same numbers.",
        HelpName = "N",
        DefaultValueFactory = _ => 0,
    }.Accepts("an integer");

    /// <summary>The <c>--optimizer</c> option, read by <see cref="Training.Optimizer.Parse"/>.</summary>
    public static Option<string> Optimizer() => new Option<string>("--optimizer")
    {
        Description = "sgd (momentum 0.9, rate 0.01), adam (Keras's defaults, rate 0.001) or adamw (rate 0.001, weight decay 0.004).",
        DefaultValueFactory = _ => "adam",
    }.OneOf("sgd", "adam", "adamw");

    /// <summary>The <c>--lr X</c> option: the optimiser's learning rate, when not its default.</summary>
    public static Option<double?> LearningRate() => new Option<double?>("--lr")
    {
        Description = $"Learning rate. Default: the optimizer's (see --optimizer); {DigitsRecipe.LearningRate.ToString(CultureInfo.InvariantCulture)} for adam and adamw on --data digits.",
        HelpName = "X",
    }.Accepts("a positive number", v => v > 0 && double.IsFinite(v.GetValueOrDefault()));

    /// <summary>The <c>--schedule constant|cosine</c> option: how the learning rate changes from epoch to epoch.</summary>
    /// <param name="description">The help text, which says what the default is.</param>
    public static Option<string?> Schedule(string description) => new Option<string?>("--schedule")
    {
        Description = description,
    }.OneOf("constant", "cosine");

    /// <summary>The schedule a <c>--schedule</c> value names, over <paramref name="epochs"/> epochs.</summary>
    internal static LearningRateSchedule ScheduleOf(string name, int epochs) =>
        name == "cosine" ? LearningRateSchedule.Cosine(epochs) : LearningRateSchedule.Constant;

    /// <summary>
    /// The <c>--inference true|false</c> option of the commands that only infer: true (the default)
    /// runs the network compiled for inference (<see cref="TorchSharpBackend.CompileForInference"/>),
    /// false the network as train compiles it, to compare.
    /// </summary>
    public static Option<string> Inference() => new Option<string>("--inference")
    {
        Description = "true: run the network compiled for inference (BatchNorm folded into the layer before it, dropout and auxiliary heads left out, activations in place); false: run it as train compiles it, to compare.",
        DefaultValueFactory = _ => "true",
    }.OneOf("true", "false");

    /// <summary>The <c>--format text|json</c> option, an <see cref="OutputFormat"/> (<see cref="OptionRules.GetChoice{TEnum}"/>).</summary>
    public static Option<string> Format() => new Option<string>("--format")
    {
        Description = "text (progress, a table and a closing line) or json (one JSON object).",
        DefaultValueFactory = _ => "text",
    }.OneOf("text", "json");

    /// <summary>The optimiser the user chose, at the rate given or <see cref="DigitsRecipe.DefaultLearningRate"/>; the parsers have already checked both values.</summary>
    internal static Optimizer OptimizerOf(ParseResult parse, Option<string> optimizer, Option<double?> rate, string data)
    {
        string name = parse.GetRequiredValue(optimizer);
        return Training.Optimizer.Parse(name, parse.GetValue(rate) ?? DigitsRecipe.DefaultLearningRate(data, name));
    }
}
