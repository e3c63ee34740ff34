using System.Globalization;
using System.Text.Json;
using FluentNets.Export.Tests;
using FluentNets.Graph;
using FluentNets.Zoo;

namespace FluentNets.Backends.Tests.KerasApplications;

/// <summary>
/// The keras.applications MobileNet, MobileNetV2, MobileNetV3, EfficientNet and EfficientNetV2 fixtures, written once
/// per test run by <c>keras_mobile.py</c> (Keras 3's layer definitions rebuilt in float64 PyTorch, outside FluentNets):
/// per model a legacy <c>.h5</c> of random weights under keras.applications' layer names and a <c>.json</c> with the
/// input, the output, the parameter counts and the layer manifest. CI writes one small model per family
/// (<c>keras_mobile_sets.CI</c>); with the environment variable <c>FLUENTNETS_FULL_ZOO=1</c> every model and
/// option (<c>keras_mobile_sets.FULL</c>). <see cref="Missing"/> says why where Debian's Python lacks torch or h5py.
/// </summary>
public sealed class KerasMobileFiles : IDisposable
{
    /// <summary><c>keras_mobile_sets.CI</c>'s fixture names: one per family at 48x48.</summary>
    public static readonly string[] Ci = ["mobilenet-alpha0.25", "mobilenet-v2-alpha0.35", "mobilenet-v3-small", "efficientnet-b0", "efficientnet-v2-b0"];

    /// <summary><c>keras_mobile_sets.FULL</c>'s fixture names: every model and option once.</summary>
    public static readonly string[] Full =
    [
        "mobilenet", "mobilenet-alpha0.25", "mobilenet-alpha0.5", "mobilenet-alpha0.75", "mobilenet-alpha0.5-dm2",
        "mobilenet-v2", "mobilenet-v2-alpha0.35", "mobilenet-v2-alpha0.5", "mobilenet-v2-alpha0.75", "mobilenet-v2-alpha1.3", "mobilenet-v2-alpha1.4",
        "mobilenet-v3-small", "mobilenet-v3-small-alpha0.75", "mobilenet-v3-small-minimalistic", "mobilenet-v3-small-noprep",
        "mobilenet-v3-large", "mobilenet-v3-large-alpha0.75", "mobilenet-v3-large-minimalistic", "mobilenet-v3-large-minimalistic-noprep",
        "efficientnet-b0", "efficientnet-b0-noimagenet", "efficientnet-b1", "efficientnet-b2", "efficientnet-b3", "efficientnet-b4",
        "efficientnet-b5", "efficientnet-b6", "efficientnet-b7",
        "efficientnet-v2-b0", "efficientnet-v2-b1", "efficientnet-v2-b2", "efficientnet-v2-b3", "efficientnet-v2-s", "efficientnet-v2-m", "efficientnet-v2-l",
    ];

    public KerasMobileFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"fluentnets-keras-mobile-{Environment.ProcessId}");
        System.IO.Directory.CreateDirectory(Directory);
        Missing = Python.WhyNot("h5py", "numpy", "torch");
        if (Missing is not null)
        {
            return;
        }

        string script = Path.Combine(AppContext.BaseDirectory, "KerasApplications", "keras_mobile.py");
        var (status, output, error) = Python.Run(
            [script, Directory, IsFull ? "full" : "ci"], Directory, TimeSpan.FromMinutes(20), oneThread: false);
        if (status != 0)
        {
            throw new InvalidOperationException($"keras_mobile.py failed with exit code {status}: {output}{error}");
        }
    }

    /// <summary>Whether the full set is asked for (<c>FLUENTNETS_FULL_ZOO=1</c>).</summary>
    public static bool IsFull => Environment.GetEnvironmentVariable("FLUENTNETS_FULL_ZOO") == "1";

    /// <summary>The fixtures of this run: <see cref="Full"/> or <see cref="Ci"/>.</summary>
    public static IReadOnlyList<string> Written => IsFull ? Full : Ci;

    /// <summary><see cref="Written"/> for a theory.</summary>
    public static TheoryData<string> Names => new(Written);

    /// <summary>The folder holding the files.</summary>
    public string Directory { get; }

    /// <summary>Why the files could not be written, or null when they were.</summary>
    public string? Missing { get; }

    /// <summary>The path of a file in <see cref="Directory"/>, after skipping the test when Python's packages are missing.</summary>
    public string PathOf(string name)
    {
        Assert.SkipWhen(Missing is not null, Missing ?? "");
        return Path.Combine(Directory, name);
    }

    /// <summary>The fixture's JSON document.</summary>
    public JsonElement Manifest(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(PathOf($"{name}.json")));
        return json.RootElement.Clone();
    }

    /// <summary>
    /// The network the fixture was written for, from the zoo's public builders: the base model of its name with
    /// the options after it (<c>alpha0.5</c>, <c>dm2</c>, <c>minimalistic</c>, <c>noprep</c>, <c>noimagenet</c>), at
    /// the JSON's input size, top, pooling and classes.
    /// </summary>
    public static Network Build(string name, JsonElement manifest)
    {
        int size = manifest.GetProperty("input_size").GetInt32();
        bool top = manifest.GetProperty("include_top").GetBoolean();
        var pooling = manifest.GetProperty("pooling").GetString() switch
        {
            "avg" => Pooling.Avg,
            "max" => Pooling.Max,
            _ => Pooling.None,
        };
        int classes = top ? manifest.GetProperty("classes").GetInt32() : 1000;
        var input = Shape.Image(size, size, 3);

        string[] bases = ["mobilenet-v3-small", "mobilenet-v3-large", "mobilenet-v2", "efficientnet-v2-", "efficientnet-b", "mobilenet"];
        string model = bases.First(b => name.StartsWith(b, StringComparison.Ordinal));
        string[] rest = name[model.Length..].Split('-', StringSplitOptions.RemoveEmptyEntries);

        // An EfficientNet's variant follows its base: efficientnet-b + 3, efficientnet-v2- + s.
        string variant = model.StartsWith("efficientnet", StringComparison.Ordinal) ? rest[0] : "";
        var options = rest.Skip(variant.Length > 0 ? 1 : 0).ToHashSet(StringComparer.Ordinal);
        double alpha = options.Where(o => o.StartsWith("alpha", StringComparison.Ordinal)).Select(o => double.Parse(o[5..], CultureInfo.InvariantCulture)).DefaultIfEmpty(1.0).Single();
        int depthMultiplier = options.Where(o => o.StartsWith("dm", StringComparison.Ordinal)).Select(o => int.Parse(o[2..], CultureInfo.InvariantCulture)).DefaultIfEmpty(1).Single();
        bool minimalistic = options.Contains("minimalistic"), preprocessing = !options.Contains("noprep");
        return model switch
        {
            "mobilenet" => MobileNet.Build(input, classes, top, pooling, alpha, depthMultiplier),
            "mobilenet-v2" => MobileNetV2.Build(input, classes, top, pooling, alpha),
            "mobilenet-v3-small" => MobileNetV3.BuildSmall(input, classes, top, pooling, alpha, minimalistic, preprocessing),
            "mobilenet-v3-large" => MobileNetV3.BuildLarge(input, classes, top, pooling, alpha, minimalistic, preprocessing),
            "efficientnet-b" => EfficientNet.Build(int.Parse(variant, CultureInfo.InvariantCulture), input, classes, top, pooling, imagenetStructure: !options.Contains("noimagenet")),
            _ => EfficientNetV2.Build(variant, input, classes, top, pooling),
        };
    }

    /// <summary>A tensor of the JSON: <c>{name}_shape</c> and the flattened <c>{name}</c>.</summary>
    public static HostTensor Tensor(JsonElement manifest, string name) => new(
        manifest.GetProperty($"{name}_shape").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
        manifest.GetProperty(name).EnumerateArray().Select(e => (float)e.GetDouble()).ToArray());

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a failing test's network; the temporary folder is the system's to clean.
        }
    }
}
