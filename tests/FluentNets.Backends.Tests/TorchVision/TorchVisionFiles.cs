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
    /// The other members of the families, written and tested only with <c>FLUENTNETS_FULL_ZOO=1</c>: CI represents each
    /// family by one small member. Their state dicts take 10 GB (RegNetY-128GF's 2.6 GB at 32x32, the largest
    /// input-independent part).
    /// </summary>
    private static readonly (string Model, int Size, int Classes)[] FullZooModels =
    [
        ("resnext101_32x8d", 32, 10), ("resnext101_64x4d", 32, 10), ("wide_resnet50_2", 32, 10), ("wide_resnet101_2", 32, 10),
        ("regnet_x_400mf", 32, 10), ("regnet_x_800mf", 32, 10), ("regnet_x_1_6gf", 32, 10), ("regnet_x_3_2gf", 32, 10),
        ("regnet_x_8gf", 32, 10), ("regnet_x_16gf", 32, 10), ("regnet_x_32gf", 32, 10),
        ("regnet_y_800mf", 32, 10), ("regnet_y_1_6gf", 32, 10), ("regnet_y_3_2gf", 32, 10), ("regnet_y_8gf", 32, 10),
        ("regnet_y_16gf", 32, 10), ("regnet_y_32gf", 32, 10), ("regnet_y_128gf", 32, 10),
        ("shufflenet_v2_x1_0", 32, 10), ("shufflenet_v2_x1_5", 32, 10), ("shufflenet_v2_x2_0", 32, 10), ("squeezenet1_1", 32, 10),
        ("densenet161", 32, 10), ("densenet169", 32, 10), ("densenet201", 32, 10),
        ("convnext_small", 32, 10), ("convnext_base", 32, 10), ("convnext_large", 32, 10),
        ("vgg11", 32, 10), ("vgg13", 32, 10), ("vgg13_bn", 32, 10), ("vgg16_bn", 32, 10), ("vgg19", 32, 10), ("vgg19_bn", 32, 10),
        ("mobilenet_v3_large", 48, 10), ("efficientnet_b1", 48, 10), ("efficientnet_b2", 48, 10), ("efficientnet_b3", 48, 10),
        ("efficientnet_b4", 48, 10), ("efficientnet_b5", 48, 10), ("efficientnet_b6", 48, 10), ("efficientnet_b7", 48, 10),
        ("efficientnet_v2_m", 48, 10), ("efficientnet_v2_l", 48, 10), ("mnasnet0_75", 48, 10), ("mnasnet1_0", 48, 10), ("mnasnet1_3", 48, 10),
    ];

    /// <summary>
    /// Each model as torchvision names it, the input size and the classes it is written with: in CI one model per
    /// family of the grouped, dense and normalised families, and with <c>FLUENTNETS_FULL_ZOO=1</c> every one
    /// (<see cref="FullZoo"/>).
    /// </summary>
    public static readonly (string Model, int Size, int Classes)[] Models =
    [
        ("resnet18", 64, 10), ("resnet34", 64, 10), ("resnet50", 64, 10), ("resnet101", 64, 10), ("resnet152", 64, 10),
        ("alexnet", 96, 10), ("vgg16", 32, 10), ("googlenet", 64, 10), ("inception_v3", 299, 10),
        ("resnext50_32x4d", 32, 10), ("regnet_y_400mf", 32, 10), ("shufflenet_v2_x0_5", 32, 10), ("squeezenet1_0", 32, 10),
        ("densenet121", 32, 10), ("convnext_tiny", 32, 10), ("vgg11_bn", 32, 10),
        ("mobilenet_v2", 48, 10), ("mobilenet_v3_small", 48, 10), ("efficientnet_b0", 48, 10), ("efficientnet_v2_s", 48, 10), ("mnasnet0_5", 48, 10),
        .. FullZoo ? FullZooModels : [],
    ];

    /// <summary>Whether <c>FLUENTNETS_FULL_ZOO=1</c> asks for every zoo model's fixtures, not one per family.</summary>
    public static bool FullZoo => Environment.GetEnvironmentVariable("FLUENTNETS_FULL_ZOO") == "1";

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
            [script, Directory, "layers", .. Models.Select(m => $"{m.Model}:{m.Size}:{m.Classes}")], Directory, TimeSpan.FromMinutes(FullZoo ? 60 : 15), oneThread: false);
        if (status != 0)
        {
            throw new InvalidOperationException($"torchvision_models.py failed with exit code {status}: {output}{error}");
        }
    }

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
