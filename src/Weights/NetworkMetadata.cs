using System.Globalization;
using System.Text.Json;
using FluentNets.Backends;

namespace FluentNets.Weights;

/// <summary>
/// What a trained model carries besides its weights, for the program that uses it next: the input shape, how
/// images were prepared and the names of the classes. <c>train --save</c> writes it into a safetensors file's
/// <c>__metadata__</c> (<c>input: "224x224x3"</c>, <c>preprocess: "tf"</c> or <c>"standard"</c> with <c>mean</c>
/// and <c>std</c> as JSON arrays, <c>classes</c> as a JSON array, <c>split</c>), so <c>evaluate</c> and
/// <c>predict</c> repeat it without flags; the ONNX and PyTorch exports write the class names and the
/// preprocessing into the exported model.
/// </summary>
/// <param name="Input">The network's input shape, or null when unknown.</param>
/// <param name="Preprocess">How pixels become the input: a keras.applications mode (<c>none</c>, <c>unit</c>, <c>tf</c>, <c>caffe</c>, <c>torch</c>), <c>standard</c>, or words a serving program can act on; null when unknown.</param>
/// <param name="Mean">Per-channel means subtracted, for <c>standard</c>.</param>
/// <param name="Std">Per-channel deviations divided by, for <c>standard</c>.</param>
/// <param name="ClassNames">Label k's name at index k, or null when unknown.</param>
public sealed record NetworkMetadata(
    Shape? Input = null, string? Preprocess = null, IReadOnlyList<float>? Mean = null, IReadOnlyList<float>? Std = null, IReadOnlyList<string>? ClassNames = null)
{
    /// <summary>Nothing known.</summary>
    public static NetworkMetadata None { get; } = new();

    /// <summary>An image folder's split fractions (<c>split: "0.75,0.15,0.1"</c>), so evaluate validates on the same images.</summary>
    public IReadOnlyList<double>? Split { get; init; }

    /// <summary>The metadata entries a safetensors file records, with the network's name and the backend that trained it.</summary>
    /// <param name="network">The network's name.</param>
    /// <param name="backend">The backend's name.</param>
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

    /// <summary>The metadata of a weights file; fields it lacks are null. A file of a format that records none (.h5, .pth) has none.</summary>
    /// <param name="path">The weights file.</param>
    /// <exception cref="WeightsException">The file's header or a recorded field can't be read.</exception>
    public static NetworkMetadata Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
        {
            return None;
        }

        var entries = WeightFile.ReadMetadata(path);
        try
        {
            return new NetworkMetadata(
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

    private static Shape ParseShape(string text)
    {
        var dims = text.Split('x').Select(d => int.Parse(d, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
        return dims.Length == 3 && dims.All(d => d > 0) ? Shape.Image(dims[0], dims[1], dims[2]) : throw new FormatException($"input '{text}' is not HxWxC");
    }
}
