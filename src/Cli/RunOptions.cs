using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using FluentNets.Backends.TorchSharp;
using FluentNets.Training;

namespace FluentNets.Cli;

/// <summary>
/// The options of the commands that run a network (<c>train</c>, <c>evaluate</c>, <c>verify</c>):
/// data, device, batch size, optimiser and output format. Their parsers report bad values as
/// parse errors, which <see cref="Program.Run"/> prints as one line with <see cref="ExitCodes.Usage"/>.
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
    public static Option<int?> Batch(string description) => new("--batch")
    {
        Description = $"{description} Default: {SeedsBatch}, as the seeds train; {DigitsRecipe.Batch} for --data digits.",
        HelpName = "N",
        CustomParser = result =>
        {
            string text = ModelOptions.LastToken(result);
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0)
            {
                return value;
            }

            result.AddError($"--batch '{text}' is not a positive integer.");
            return null;
        },
    };

    /// <summary>The <c>--normalize standard|none</c> option, <c>standard</c> when absent.</summary>
    /// <param name="description">The help text.</param>
    public static Option<string> Normalize(string description) => new("--normalize")
    {
        Description = description,
        HelpName = "standard|none",
        DefaultValueFactory = _ => "standard",
        CustomParser = result =>
        {
            string text = ModelOptions.LastToken(result);
            if (!text.Equals("standard", StringComparison.OrdinalIgnoreCase) && !text.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                result.AddError($"--normalize '{text}' is not one of standard, none.");
            }

            return text.ToLowerInvariant();
        },
    };

    /// <summary>The <c>--device</c> option of the TorchSharp backend.</summary>
    public static Option<string> Device() => new("--device")
    {
        Description = "auto (CUDA when available, else the CPU), cpu, cuda or cuda:N.",
        HelpName = "auto|cpu|cuda",
        DefaultValueFactory = _ => "auto",
        CustomParser = result =>
        {
            string text = ModelOptions.LastToken(result);
            try
            {
                new TorchSharpBackendOptions { Device = text }.Validate();
            }
            catch (ArgumentException)
            {
                result.AddError($"--device '{text}' is not {TorchSharpBackendOptions.AcceptedDevices}.");
            }

            return text.Trim().ToLowerInvariant();
        },
    };

    /// <summary>A positive integer option such as <c>--epochs N</c> or <c>--batch N</c>.</summary>
    /// <param name="name">The option's name, with its dashes.</param>
    /// <param name="defaultValue">The value when the option is absent.</param>
    /// <param name="description">The help text.</param>
    public static Option<int> Positive(string name, int defaultValue, string description) => new(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            string text = ModelOptions.LastToken(result);
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0)
            {
                return value;
            }

            result.AddError($"{name} '{text}' is not a positive integer.");
            return defaultValue;
        },
    };

    /// <summary>The <c>--seed N</c> option: weights, shuffling and dropout.</summary>
    public static Option<int> Seed() => new("--seed")
    {
        Description = "Seed of the initial weights, the shuffling and dropout: on the CPU, the same seed gives the same numbers.",
        HelpName = "N",
        DefaultValueFactory = _ => 0,
        CustomParser = result =>
        {
            string text = ModelOptions.LastToken(result);
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            {
                return value;
            }

            result.AddError($"--seed '{text}' is not an integer.");
            return 0;
        },
    };

    /// <summary>The <c>--optimizer</c> option, read by <see cref="Training.Optimizer.Parse"/>.</summary>
    public static Option<string> Optimizer() => new("--optimizer")
    {
        Description = "sgd (momentum 0.9, rate 0.01), adam (Keras's defaults, rate 0.001) or adamw (rate 0.001, weight decay 0.004).",
        HelpName = "sgd|adam|adamw",
        DefaultValueFactory = _ => "adam",
        CustomParser = result =>
        {
            string text = ModelOptions.LastToken(result);
            try
            {
                Training.Optimizer.Parse(text);
            }
            catch (ArgumentException e)
            {
                result.AddError(e.Message);
            }

            return text;
        },
    };

    /// <summary>The <c>--lr X</c> option: the optimiser's learning rate, when not its default.</summary>
    public static Option<double?> LearningRate() => new("--lr")
    {
        Description = $"Learning rate. Default: the optimizer's (see --optimizer); {DigitsRecipe.LearningRate.ToString(CultureInfo.InvariantCulture)} for adam and adamw on --data digits.",
        HelpName = "X",
        CustomParser = result =>
        {
            string text = ModelOptions.LastToken(result);
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) && rate > 0 && double.IsFinite(rate))
            {
                return rate;
            }

            result.AddError($"--lr '{text}' is not a positive number.");
            return null;
        },
    };

    /// <summary>The <c>--schedule constant|cosine</c> option: how the learning rate changes from epoch to epoch.</summary>
    /// <param name="description">The help text, which says what the default is.</param>
    public static Option<string?> Schedule(string description) => new("--schedule")
    {
        Description = description,
        HelpName = "constant|cosine",
        CustomParser = result =>
        {
            string text = ModelOptions.LastToken(result).ToLowerInvariant();
            if (text is not ("constant" or "cosine"))
            {
                result.AddError($"--schedule '{ModelOptions.LastToken(result)}' is not one of constant, cosine.");
            }

            return text;
        },
    };

    /// <summary>The schedule a <c>--schedule</c> value names, over <paramref name="epochs"/> epochs.</summary>
    internal static LearningRateSchedule ScheduleOf(string name, int epochs) =>
        name == "cosine" ? LearningRateSchedule.Cosine(epochs) : LearningRateSchedule.Constant;

    /// <summary>The <c>--format text|json</c> option.</summary>
    public static Option<OutputFormat> Format() => new("--format")
    {
        Description = "text (progress, a table and a closing line) or json (one JSON object).",
        HelpName = "text|json",
        DefaultValueFactory = _ => OutputFormat.Text,
        CustomParser = result =>
        {
            string text = ModelOptions.LastToken(result);
            switch (text.ToLowerInvariant())
            {
                case "text": return OutputFormat.Text;
                case "json": return OutputFormat.Json;
                default:
                    result.AddError($"--format '{text}' is not one of text, json.");
                    return OutputFormat.Text;
            }
        },
    };

    /// <summary>The optimiser the user chose, at the rate given or <see cref="DigitsRecipe.DefaultLearningRate"/>; the parsers have already checked both values.</summary>
    internal static Optimizer OptimizerOf(ParseResult parse, Option<string> optimizer, Option<double?> rate, string data)
    {
        string name = parse.GetRequiredValue(optimizer);
        return Training.Optimizer.Parse(name, parse.GetValue(rate) ?? DigitsRecipe.DefaultLearningRate(data, name));
    }
}
