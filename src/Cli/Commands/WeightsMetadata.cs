using System.Globalization;
using System.Text.Json;
using FluentNets.Backends;
using FluentNets.Data;

namespace FluentNets.Cli.Commands;

/// <summary>
/// What <c>train --save</c> records in a safetensors file's <c>__metadata__</c> besides the weights,
/// so <c>evaluate</c> and <c>predict</c> repeat it without flags: the input shape
/// (<c>input: "224x224x3"</c>), the preprocessing (<c>preprocess: "tf"</c>, or <c>"standard"</c> with
/// <c>mean</c> and <c>std</c> as JSON arrays) and the class names (<c>classes</c>, a JSON array).
/// </summary>
/// <param name="Input">The network's input shape.</param>
/// <param name="Preprocess">none, unit, tf, caffe, torch or standard.</param>
/// <param name="Mean">Per-channel means subtracted, for standard.</param>
/// <param name="Std">Per-channel deviations divided by, for standard.</param>
/// <param name="ClassNames">Label k's name at index k.</param>
internal sealed record WeightsMetadata(Shape? Input, string? Preprocess, IReadOnlyList<float>? Mean, IReadOnlyList<float>? Std, IReadOnlyList<string>? ClassNames)
{
    /// <summary>An image folder's split fractions (<c>split: "0.75,0.15,0.1"</c>), so evaluate validates on the same images.</summary>
    public IReadOnlyList<double>? Split { get; init; }

    /// <summary>The metadata entries to write.</summary>
    public Dictionary<string, string> ToDictionary(string network, string backend)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal) { ["network"] = network, ["backend"] = backend };
        if (Input is not null)
        {
            entries["input"] = $"{Input.Height}x{Input.Width}x{Input.Channels}";
        }

        if (Preprocess is not null)
        {
            entries["preprocess"] = Preprocess;
        }

        if (Mean is not null && Std is not null)
        {
            entries["mean"] = JsonSerializer.Serialize(Mean);
            entries["std"] = JsonSerializer.Serialize(Std);
        }

        if (Split is not null)
        {
            entries["split"] = string.Join(",", Split.Select(f => f.ToString("R", CultureInfo.InvariantCulture)));
        }

        if (ClassNames is not null)
        {
            entries["classes"] = JsonSerializer.Serialize(ClassNames);
        }

        return entries;
    }

    /// <summary>The metadata of a weights file; fields it lacks are null. A file of another format has none.</summary>
    /// <exception cref="WeightsException">A recorded field can't be read.</exception>
    public static WeightsMetadata Read(string path)
    {
        if (!path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
        {
            return new WeightsMetadata(null, null, null, null, null);
        }

        var entries = WeightFile.ReadMetadata(path);
        try
        {
            return new WeightsMetadata(
                entries.TryGetValue("input", out var input) ? ParseShape(input) : null,
                entries.GetValueOrDefault("preprocess"),
                entries.TryGetValue("mean", out var mean) ? JsonSerializer.Deserialize<float[]>(mean) : null,
                entries.TryGetValue("std", out var std) ? JsonSerializer.Deserialize<float[]>(std) : null,
                entries.TryGetValue("classes", out var classes) ? JsonSerializer.Deserialize<string[]>(classes) : null)
            {
                Split = entries.TryGetValue("split", out var split) ? split.Split(',').Select(f => double.Parse(f, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray() : null,
            };
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new WeightsException($"{path}: expected metadata as train --save writes it, found an unreadable field ({e.Message}).");
        }
    }

    /// <summary>Applies the recorded preprocessing to <paramref name="data"/>, if there is one.</summary>
    public DataSet Apply(DataSet data) => Preprocess switch
    {
        null => data,
        "standard" when Mean is not null && Std is not null => data.Normalize(Mean, Std),
        "standard" => data,
        _ => data.Preprocess(ImagePreprocessingExtensions.Parse(Preprocess)),
    };

    private static Shape ParseShape(string text)
    {
        var dims = text.Split('x').Select(d => int.Parse(d, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
        return dims.Length == 3 && dims.All(d => d > 0) ? Shape.Image(dims[0], dims[1], dims[2]) : throw new FormatException($"input '{text}' is not HxWxC");
    }
}
