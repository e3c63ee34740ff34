using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using FluentNets.Graph;
using FluentNets.Weights;
using FluentNets.Zoo;

namespace FluentNets.Cli;

/// <summary>
/// The symbols every command that builds a zoo model shares: the <c>model</c> argument and the
/// <c>--input</c> and <c>--classes</c> options. A value System.CommandLine parses itself is declared
/// with <see cref="OptionRules"/>; a model name and a shape have their own parsers here. Bad values
/// are parse errors, which <see cref="Program.Run"/> prints as one line with <see cref="ExitCodes.Usage"/>.
/// </summary>
public static class ModelOptions
{
    /// <summary>The <c>model</c> argument: a name from <paramref name="models"/>, case-insensitive.</summary>
    /// <param name="models">The models it may name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="models"/> is null.</exception>
    public static Argument<ZooModel> Model(IReadOnlyList<ZooModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        string[] names = models.Select(m => m.Name).ToArray();
        var argument = new Argument<ZooModel>("model")
        {
            Description = $"The zoo model: {string.Join(", ", names)}.",
            HelpName = "model",
            CustomParser = result =>
            {
                string name = LastToken(result);
                var model = models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
                if (model is null)
                {
                    result.AddError($"unknown model '{name}'. Known models: {string.Join(", ", names)}.");
                }

                return model;
            },
        };
        argument.CompletionSources.Add(names);
        return argument;
    }

    /// <summary>The <c>--input HxWxC</c> option; absent means the model's published input.</summary>
    public static Option<Shape> Input() => new("--input")
    {
        Description = "Input shape as HxWxC, e.g. 224x224x3. Default: the model's published input.",
        HelpName = "HxWxC",
        CustomParser = result =>
        {
            string text = LastToken(result);
            int[] dims = text.Split('x', 'X').Select(Positive).ToArray();
            if (dims.Length == 3 && dims.All(d => d > 0))
            {
                return Shape.Image(dims[0], dims[1], dims[2]);
            }

            result.AddError($"--input '{text}' is not HxWxC with three positive integers, e.g. 224x224x3.");
            return null;
        },
    };

    /// <summary>The <c>--classes N</c> option; absent means the model's published class count.</summary>
    public static Option<int?> Classes() => new Option<int?>("--classes")
    {
        Description = "Number of classes of the last layer. Default: the model's published count.",
        HelpName = "N",
    }.Accepts("a positive integer", v => v > 0);

    /// <summary>
    /// The <c>--include-top true|false</c> option: <c>false</c> builds the model without its classifier,
    /// as keras.applications' <c>include_top=False</c>, ended by <c>--pooling</c> or, to train, by <see cref="Head"/>.
    /// </summary>
    /// <param name="description">What the model without its top is for in this command.</param>
    public static Option<string> IncludeTop(string description) => new Option<string>("--include-top")
    {
        Description = $"false: the model without its classifier (keras.applications' include_top=False). {description}",
        DefaultValueFactory = _ => "true",
    }.OneOf("true", "false");

    /// <summary>The <c>--head N</c> option: seed 001's new head on a base built with <c>--include-top false</c>.</summary>
    public static Option<int?> Head() => new Option<int?>("--head")
    {
        Description = "With --include-top false: end the base in GlobalAveragePooling (avg_pool) and Dense(N, softmax) (predictions), the head seed 001 puts on Xception.",
        HelpName = "N",
    }.Accepts("a positive integer", v => v > 0);

    /// <summary>
    /// The new head's class count that <c>--include-top</c>, <c>--head</c> and <c>--classes</c> ask
    /// for together, or null for the model's own classifier.
    /// </summary>
    /// <exception cref="CliException">The flags contradict each other.</exception>
    internal static int? NewHead(ZooModel model, bool includeTop, int? head, int? classes) => (includeTop, head, classes) switch
    {
        (true, { } n, _) => throw new CliException($"--head {n} needs --include-top false: with its top, {model.Name} already ends in its classifier, which --classes sizes."),
        (false, null, _) => throw new CliException("--include-top false needs --head N: a network to train or evaluate ends in a classifier."),
        (false, { } n, { } c) => throw new CliException($"--head {n} and --classes {c} both size the classifier: give --head alone."),
        _ => head,
    };

    /// <summary>
    /// <paramref name="model"/> without its top, ended by GlobalAveragePooling (<c>avg_pool</c>) and
    /// Dense(<paramref name="classes"/>, softmax) (<c>predictions</c>): keras.applications' own top for
    /// Xception, ResNet50 and Inception-V3, and the head seed 001 puts on a base.
    /// </summary>
    /// <exception cref="CliException">The model has no top to leave out, or its base does not end in an image.</exception>
    /// <exception cref="NetBuildException">The input is too small for the model.</exception>
    internal static Network WithHead(ZooModel model, Shape? input, int classes)
    {
        try
        {
            return model.BuildWithNewHead(classes, input);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--include-top false: {e.Message}", ExitCodes.Usage, e);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException($"--head {classes}: {e.Message}", ExitCodes.Usage, e);
        }
    }

    /// <summary>The <c>--pooling none|avg|max</c> option: what a model built with <c>--include-top false</c> ends in, a <see cref="Zoo.Pooling"/> (<see cref="OptionRules.GetChoice{TEnum}"/>).</summary>
    public static Option<string> Pooling() => new Option<string>("--pooling")
    {
        Description = "With --include-top false: end in the last feature map (none), or pool it to a vector (avg, max).",
        DefaultValueFactory = _ => "none",
    }.OneOf("none", "avg", "max");

    /// <summary>
    /// The <c>--weights FILE</c> option: safetensors, Keras HDF5 or a PyTorch state dict, picked by the extension
    /// (<see cref="WeightFiles"/>); the file must exist.
    /// </summary>
    /// <param name="description">What the weights are for in this command.</param>
    /// <param name="required">Whether the command needs it.</param>
    public static Option<string> Weights(string description, bool required = false)
    {
        var option = new Option<string>("--weights")
        {
            Description = $"{description} Formats by extension: {string.Join(", ", WeightFiles.Extensions)} (Keras's legacy .h5 or Keras 3 .weights.h5, PyTorch's torch.save).",
            HelpName = "FILE",
            Required = required,
        };
        option.Validators.Add(result =>
        {
            string path = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (Directory.Exists(path))
            {
                result.AddError($"--weights {path}: is a directory, not a weights file.");
            }
            else if (!File.Exists(path))
            {
                result.AddError($"--weights {path}: no such file.");
            }
        });
        return option;
    }

    /// <summary>Builds <paramref name="model"/> as the options say, a refused combination as a usage error.</summary>
    /// <exception cref="CliException"><c>--pooling</c> with the top, or <c>--include-top false</c> for a model built with its heads only.</exception>
    /// <exception cref="NetBuildException">The input is too small for the model.</exception>
    internal static Network Build(ZooModel model, Shape? input, int? classes, bool includeTop, Pooling pooling)
    {
        if (pooling != Zoo.Pooling.None && includeTop)
        {
            throw new CliException($"--pooling {pooling.ToString().ToLowerInvariant()} needs --include-top false: with its classifier, a model ends in it.");
        }

        try
        {
            return model.Build(input, classes, includeTop, pooling);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--include-top false: {e.Message}", ExitCodes.Usage, e);
        }
    }

    /// <summary>The text the user gave for an argument or option.</summary>
    internal static string LastToken(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    /// <summary>The positive integer written as plain digits, or 0.</summary>
    private static int Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : 0;
}
