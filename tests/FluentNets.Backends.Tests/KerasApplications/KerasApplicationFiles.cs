using FluentNets.Export.Tests;

namespace FluentNets.Backends.Tests.KerasApplications;

/// <summary>
/// keras.applications' models rebuilt from Keras 3's source in float64 PyTorch by keras_rest.py, written once per test
/// run by keras_rest_sets.py into a temporary folder: per model a legacy Keras <c>.h5</c> under keras.applications'
/// layer names and a JSON with the input, Keras's output, its parameter counts and its <c>model.layers</c>. In CI one
/// model per family (the "ci" set), with <c>FLUENTNETS_FULL_ZOO=1</c> every one ("full"); and the "notop" set, one
/// per family without its top. <see cref="Missing"/> says why where Debian's Python lacks h5py, numpy or torch.
/// </summary>
public sealed class KerasApplicationFiles : IDisposable
{
    /// <summary>keras_rest_sets.py's CI set: one model per family, at the smallest input Keras accepts, with 10 classes.</summary>
    public static readonly string[] Ci = ["densenet121", "resnet50-v2", "inception-resnet-v2", "nasnet-mobile", "convnext-tiny"];

    /// <summary>keras_rest_sets.py's full set adds the other members of each family.</summary>
    public static readonly string[] Full =
    [
        .. Ci, "densenet169", "densenet201", "resnet101-v2", "resnet152-v2", "nasnet-large",
        "convnext-small", "convnext-base", "convnext-large", "convnext-xlarge",
    ];

    /// <summary>keras_rest_sets.py's "notop" set: the CI models without their top, unpooled or pooled.</summary>
    public static readonly string[] NoTop = Ci;

    public KerasApplicationFiles()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("fluentnets-keras-applications-").FullName;
        Missing = Python.WhyNot("h5py", "numpy", "torch");
        if (Missing is not null)
        {
            return;
        }

        Write(TorchVision.TorchVisionFiles.FullZoo ? "full" : "ci", WithTop);
        Write("notop", WithoutTop);
    }

    /// <summary>The models whose files with the top are written in this run.</summary>
    public static string[] Written => TorchVision.TorchVisionFiles.FullZoo ? Full : Ci;

    /// <summary>The folder holding the files.</summary>
    public string Directory { get; }

    /// <summary>Why the files could not be written, or null when they were.</summary>
    public string? Missing { get; }

    private string WithTop => Path.Combine(Directory, "top");

    private string WithoutTop => Path.Combine(Directory, "notop");

    /// <summary>The .h5 file of <paramref name="model"/> with its top (or without), after skipping the test when Python's packages are missing.</summary>
    public string Weights(string model, bool top = true)
    {
        Assert.SkipWhen(Missing is not null, Missing ?? "");
        return Path.Combine(top ? WithTop : WithoutTop, $"{model}.h5");
    }

    /// <summary>What keras_rest.py wrote about <paramref name="model"/>: its input, Keras's output, counts and layers.</summary>
    public KerasFixture Fixture(string model, bool top = true)
    {
        Assert.SkipWhen(Missing is not null, Missing ?? "");
        return KerasFixture.Read(Path.Combine(top ? WithTop : WithoutTop, $"{model}.json"));
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

    private static void Write(string set, string folder)
    {
        System.IO.Directory.CreateDirectory(folder);
        string script = Path.Combine(AppContext.BaseDirectory, "KerasApplications", "keras_rest_sets.py");
        var (status, output, error) = Python.Run([script, set, folder], folder, TimeSpan.FromMinutes(set == "full" ? 120 : 20));
        if (status != 0)
        {
            throw new InvalidOperationException($"keras_rest_sets.py {set} failed with exit code {status}: {output}{error}");
        }
    }
}
