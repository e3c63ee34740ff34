using System.Text.Json;
using FluentNets.Export.Tests;

namespace FluentNets.Backends.Tests.Interop;

/// <summary>
/// The Keras HDF5 files of these tests: small ones committed under <c>Interop/Fixtures</c>, and larger
/// ones that <c>keras_files.py</c> writes with h5py when Debian's python3-h5py and python3-torch are
/// installed, with the outputs PyTorch computes for them.
/// </summary>
internal static class KerasFiles
{
    /// <summary>Why the Python-written files cannot be made here, or null when they can.</summary>
    public static string? WhyNotWritable => Python.WhyNot("h5py", "numpy", "torch");

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Interop", "Fixtures", name);

    /// <summary>Runs <c>keras_files.py SET DIR</c> into a fresh temporary folder and returns it.</summary>
    public static string Write(string set)
    {
        string folder = Directory.CreateTempSubdirectory("fluentnets-keras-").FullName;
        string script = Path.Combine(AppContext.BaseDirectory, "Interop", "keras_files.py");
        var (code, _, error) = Python.Run([script, set, folder], folder, TimeSpan.FromMinutes(10));
        Assert.True(code == 0, $"keras_files.py {set} failed: {error}");
        return folder;
    }

    /// <summary>The input and the output PyTorch computed, as <c>keras_files.py</c> wrote them.</summary>
    public static (HostTensor Input, HostTensor Output) Expected(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = json.RootElement;
        HostTensor Read(string name) => new(
            root.GetProperty($"{name}_shape").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
            root.GetProperty(name).EnumerateArray().Select(e => (float)e.GetDouble()).ToArray());
        return (Read("input"), Read("output"));
    }

    /// <summary>The largest difference relative to the largest expected magnitude.</summary>
    public static double RelativeError(HostTensor expected, HostTensor actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        double scale = expected.Data.Max(v => Math.Abs((double)v));
        return expected.Data.Zip(actual.Data, (e, a) => Math.Abs((double)e - a)).Max() / scale;
    }
}
