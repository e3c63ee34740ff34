using FluentNets.Export.Tests;

namespace FluentNets.Backends.Tests.TorchVision;

/// <summary>
/// Files written once per test run by Debian's PyTorch 1.13 and torchvision 0.14 (torchvision_models.py):
/// per model a randomly initialised state dict and its outputs for a fixed input, and what PyTorch's
/// pooling and flattening make of a fixed input. <see cref="Missing"/> says why where Debian's Python
/// cannot import torch and torchvision.
/// </summary>
public sealed class TorchVisionFiles : IDisposable
{
    /// <summary>
    /// The models only a full run writes (environment variable <c>FLUENTNETS_FULL_ZOO=1</c>): the members of the mobile
    /// families that CI represents by one small member each.
    /// </summary>
    public static readonly (string Model, int Size, int Classes)[] FullOnly =
    [
        ("mobilenet_v3_large", 48, 10), ("efficientnet_b1", 48, 10), ("efficientnet_b2", 48, 10), ("efficientnet_b3", 48, 10),
        ("efficientnet_b4", 48, 10), ("efficientnet_b5", 48, 10), ("efficientnet_b6", 48, 10), ("efficientnet_b7", 48, 10),
        ("efficientnet_v2_m", 48, 10), ("efficientnet_v2_l", 48, 10), ("mnasnet0_75", 48, 10), ("mnasnet1_0", 48, 10), ("mnasnet1_3", 48, 10),
    ];

    /// <summary>Each model as torchvision names it, the input size and the classes it is written with.</summary>
    public static readonly (string Model, int Size, int Classes)[] Models =
    [
        ("resnet18", 64, 10), ("resnet34", 64, 10), ("resnet50", 64, 10), ("resnet101", 64, 10), ("resnet152", 64, 10),
        ("alexnet", 96, 10), ("vgg16", 32, 10), ("googlenet", 64, 10), ("inception_v3", 299, 10),
        ("mobilenet_v2", 48, 10), ("mobilenet_v3_small", 48, 10), ("efficientnet_b0", 48, 10), ("efficientnet_v2_s", 48, 10), ("mnasnet0_5", 48, 10),
        .. (FullZoo ? FullOnly : []),
    ];

    public TorchVisionFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"fluentnets-torchvision-{Environment.ProcessId}");
        System.IO.Directory.CreateDirectory(Directory);
        Missing = Python.WhyNot("torch", "torchvision");
        if (Missing is not null)
        {
            return;
        }

        string script = Path.Combine(AppContext.BaseDirectory, "TorchVision", "torchvision_models.py");
        var (status, output, error) = Python.Run(
            [script, Directory, "layers", .. Models.Select(m => $"{m.Model}:{m.Size}:{m.Classes}")], Directory, TimeSpan.FromMinutes(15), oneThread: false);
        if (status != 0)
        {
            throw new InvalidOperationException($"torchvision_models.py failed with exit code {status}: {output}{error}");
        }
    }

    /// <summary>Whether a full run is asked for (<c>FLUENTNETS_FULL_ZOO=1</c>): every zoo model rather than one per family.</summary>
    public static bool FullZoo => Environment.GetEnvironmentVariable("FLUENTNETS_FULL_ZOO") == "1";

    /// <summary>The folder holding the files.</summary>
    public string Directory { get; }

    /// <summary>Why the files could not be written, or null when they were.</summary>
    public string? Missing { get; }

    /// <summary>The path of a file in <see cref="Directory"/>, after skipping the test when PyTorch is missing.</summary>
    public string PathOf(string name)
    {
        Assert.SkipWhen(Missing is not null, Missing ?? "");
        return Path.Combine(Directory, name);
    }

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
