using System.CommandLine;
using System.Globalization;
using FluentNets.Backends;
using FluentNets.Data;
using FluentNets.Graph;
using FluentNets.Training;
using FluentNets.Weights;

namespace FluentNets.Cli.Commands;

/// <summary>
/// <c>train</c>'s options for transfer learning and real images: starting weights and a new head,
/// freezing, keras.applications preprocessing, folder splits, augmentation, SGD's momentum and
/// Keras's decay, and checkpoints to resume from. System.CommandLine parses each value; a split
/// and an augmentation, which it can't, have their own parsers here.
/// </summary>
internal sealed class FineTuningOptions
{
    private readonly Option<string?> weights = new("--weights")
    {
        Description = $"Start from these weights instead of random ones: any format --weights takes ({string.Join(", ", WeightFiles.Extensions)}), e.g. keras.applications' published .h5 or a file train --save wrote.",
        HelpName = "FILE",
    };

    private readonly Option<bool> newHead = new("--new-head")
    {
        Description = "With --weights: the classifier (the last layer with weights) starts fresh when its shape differs from the file's, e.g. a base trained on other classes.",
    };

    private readonly Option<string?> freeze = new("--freeze")
    {
        Description = "base: train only the classifier (the last layer with weights), the rest keeps its weights and BatchNorm runs in inference mode; "
            + "LAYER: freeze that layer and everything before it. Without it every layer trains (the unfrozen fine-tuning step).",
        HelpName = "base|LAYER",
    };

    private readonly Option<ImagePreprocessing?> preprocess = new Option<ImagePreprocessing?>("--preprocess")
    {
        Description = "keras.applications' preprocess_input: caffe (BGR, ImageNet means subtracted from 0..255), tf (-1..1), torch (ImageNet mean and deviation); "
            + "or unit (0..1) or none (0..255). Replaces --normalize; saved with the weights for evaluate and predict.",
    }.OneOf(ImagePreprocessingNames);

    private readonly Option<double[]?> split = new("--split")
    {
        Description = "Fractions of an image folder for training, validation and (unused here) test, e.g. 0.75,0.15,0.10; the same split every run. Default: 0.8,0.2.",
        HelpName = "F,F[,F]",
        CustomParser = result =>
        {
            string text = ModelOptions.LastToken(result);
            var parts = text.Split(',').Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) ? f : double.NaN).ToArray();
            if (parts.Length is < 2 or > 3 || parts.Any(f => !(f > 0 && f <= 1)) || parts.Sum() > 1 + 1e-9)
            {
                result.AddError($"--split '{text}' is not 2 or 3 fractions in (0, 1] summing to at most 1, e.g. 0.75,0.15,0.10.");
                return null;
            }

            return parts;
        },
    };

    private readonly Option<Augmentation?> augment = new("--augment")
    {
        Description = "Random changes to training images, seeded: flip (horizontal), crop (a random 64-100% of the area, resized back), or flip,crop.",
        HelpName = "flip|crop|flip,crop",
        CustomParser = result =>
        {
            string text = ModelOptions.LastToken(result).ToLowerInvariant();
            var parts = text.Split(',', StringSplitOptions.TrimEntries).ToHashSet();
            if (parts.Count == 0 || !parts.IsSubsetOf(["flip", "crop", "none"]))
            {
                result.AddError($"--augment '{ModelOptions.LastToken(result)}' is not flip, crop, flip,crop or none.");
                return null;
            }

            return parts.SetEquals(["none"]) ? null : new Augmentation(parts.Contains("flip"), parts.Contains("crop") ? 0.64 : 1);
        },
    };

    private readonly Option<double?> momentum = new Option<double?>("--momentum")
    {
        Description = "SGD's momentum, in [0, 1). Default: 0.9.",
        HelpName = "X",
    }.Accepts("a number in [0, 1)", v => v is >= 0 and < 1);

    private readonly Option<double?> decay = new Option<double?>("--decay")
    {
        Description = "Keras's learning-rate decay: step t uses lr / (1 + decay * t). Default: 0.",
        HelpName = "X",
    }.Accepts("a number of 0 or more", v => v >= 0 && double.IsFinite(v.GetValueOrDefault()));

    private readonly Option<int> prefetch = new Option<int>("--prefetch")
    {
        Description = "Batches decoded ahead on background threads, at most N waiting; 0 decodes in the training loop.",
        HelpName = "N",
        DefaultValueFactory = _ => 4,
    }.Accepts("0 or a positive integer", v => v >= 0);

    private readonly Option<long> maxPixels = RunOptions.MaxImagePixels();

    private readonly Option<string?> checkpoint = new("--checkpoint")
    {
        Description = "After every epoch, write the weights, the optimizer's state and the epoch to this file, for --resume.",
        HelpName = "FILE",
    };

    private readonly Option<string?> resume = new("--resume")
    {
        Description = "Continue the run a --checkpoint file stopped, with the same options and seed: the losses are those of an uninterrupted run.",
        HelpName = "FILE",
    };

    /// <summary>The <c>--preprocess</c> values, as <see cref="ImagePreprocessingExtensions.ToName"/> writes them.</summary>
    internal static readonly string[] ImagePreprocessingNames = Enum.GetValues<ImagePreprocessing>().Select(m => m.ToName()).ToArray();

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { weights, newHead, freeze, preprocess, split, augment, prefetch, maxPixels, momentum, decay, checkpoint, resume })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The optimizer with --momentum and --decay applied.</summary>
    /// <exception cref="CliException">--momentum with another optimizer than sgd.</exception>
    public Optimizer Optimizer(Optimizer optimizer, ParseResult parse)
    {
        if (parse.GetValue(momentum) is { } m)
        {
            optimizer = optimizer is SgdOptimizer sgd
                ? sgd with { Momentum = m }
                : throw new CliException("--momentum applies to --optimizer sgd.");
        }

        return parse.GetValue(decay) is { } d ? optimizer with { Decay = d } : optimizer;
    }

    /// <summary>The values given.</summary>
    public FineTuning Read(ParseResult parse) => new(
        parse.GetValue(weights), parse.GetValue(newHead), parse.GetValue(freeze), parse.GetValue(preprocess), parse.GetValue(split) is { Length: > 0 } fractions ? fractions : null,
        parse.GetValue(augment), parse.GetValue(checkpoint), parse.GetValue(resume)) { Prefetch = parse.GetValue(prefetch), MaxImagePixels = parse.GetValue(maxPixels) };
}

/// <summary>The fine-tuning options of one <c>train</c> run.</summary>
/// <param name="Weights">Starting weights, or null.</param>
/// <param name="NewHead">Whether the classifier may start fresh.</param>
/// <param name="Freeze">base, a layer name, or null.</param>
/// <param name="Preprocess">A keras.applications mode, or null for --normalize.</param>
/// <param name="Split">Folder fractions, or null.</param>
/// <param name="Augment">Training augmentation, or null.</param>
/// <param name="Checkpoint">Where to write checkpoints, or null.</param>
/// <param name="Resume">A checkpoint to continue from, or null.</param>
internal sealed record FineTuning(
    string? Weights, bool NewHead, string? Freeze, ImagePreprocessing? Preprocess, IReadOnlyList<double>? Split, Augmentation? Augment, string? Checkpoint, string? Resume)
{
    /// <summary>Batches made ahead on background threads.</summary>
    public int Prefetch { get; init; } = 4;

    /// <summary>The most pixels an image of a folder may have.</summary>
    public long MaxImagePixels { get; init; } = Data.ImageDecoder.DefaultMaxPixels;

    /// <summary>The classifier: the last layer of the main output's graph that has weights.</summary>
    /// <exception cref="CliException">The network has no layer with weights.</exception>
    public static Node Head(Network network)
    {
        try
        {
            return network.Classifier;
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(e.Message, ExitCodes.Usage, e);
        }
    }

    /// <summary>The network with --freeze applied.</summary>
    /// <exception cref="CliException">The layer is not in the network.</exception>
    public Network Frozen(Network network)
    {
        switch (Freeze)
        {
            case null:
                return network;
            case "base":
                // Head says, as a command-line error, that a network without weights has no base to freeze.
                _ = Head(network);
                return network.FreezeBase();
            default:
                try
                {
                    return network.FreezeUpTo(Freeze);
                }
                catch (ArgumentException e)
                {
                    throw new CliException($"--freeze {e.Message.Replace(" (Parameter 'name')", "", StringComparison.Ordinal)}", ExitCodes.Usage, e);
                }
        }
    }

    /// <summary>
    /// Loads <paramref name="path"/>, any format <c>--weights</c> takes, into <paramref name="compiled"/>; with
    /// <see cref="NewHead"/>, the classifier's tensors keep their fresh values when the file's differ in shape or are
    /// missing, and an auxiliary head the file lacks keeps its initial values. Returns the names of the tensors that
    /// start fresh. Nothing changes when the file does not fit.
    /// </summary>
    /// <exception cref="CliException">The path is not a regular file.</exception>
    /// <exception cref="WeightsException">The file can't be read or its tensors are not the network's.</exception>
    /// <param name="compiled">The network to load into.</param>
    /// <param name="path">The weights file.</param>
    /// <param name="note">Where the line naming what kept its values goes.</param>
    /// <param name="headIsNew">Whether the head was put on the base by <c>--head</c>, so it starts fresh whatever <c>--new-head</c> says.</param>
    public IReadOnlyList<string> LoadInitialWeights(ICompiledNetwork compiled, string path, TextWriter note, bool headIsNew = false)
    {
        bool fresh = NewHead || headIsNew;
        var matching = fresh ? WeightMatching.Fresh([Head(compiled.Network)]) : WeightMatching.AuxiliaryHeadsOptional;
        try
        {
            return WeightsArgument.Load(compiled, path, note, allowNonFinite: false, matching).Kept;
        }
        catch (WeightsException e) when (!fresh)
        {
            throw new WeightsException($"{e.Message} (with --new-head, a classifier of another shape starts fresh)");
        }
    }
}
