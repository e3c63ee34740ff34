using System.Text.Json;

namespace FluentNets.Backends.Tests.KerasApplications;

/// <summary>One keras_rest.py fixture: the input and output (NCHW), Keras's counts and <c>model.layers</c>.</summary>
/// <param name="Input">The batch of two, NCHW.</param>
/// <param name="Output">Keras's output: probabilities with the top, pooled features or NCHW features without.</param>
/// <param name="Total">model.summary()'s total parameters.</param>
/// <param name="Trainable">Its trainable parameters.</param>
/// <param name="NonTrainable">Its non-trainable parameters.</param>
/// <param name="Layers">model.layers: each layer's name and class, a Sequential with its inner layers.</param>
public sealed record KerasFixture(HostTensor Input, HostTensor Output, long Total, long Trainable, long NonTrainable, IReadOnlyList<KerasLayer> Layers)
{
    public static KerasFixture Read(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = json.RootElement;
        HostTensor Tensor(string name) => new(
            root.GetProperty($"{name}_shape").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
            root.GetProperty(name).EnumerateArray().Select(e => (float)e.GetDouble()).ToArray());
        var counts = root.GetProperty("params");
        return new KerasFixture(
            Tensor("input"),
            Tensor("output"),
            counts.GetProperty("total").GetInt64(),
            counts.GetProperty("trainable").GetInt64(),
            counts.GetProperty("non_trainable").GetInt64(),
            root.GetProperty("layers").EnumerateArray().Select(KerasLayer.Of).ToArray());
    }
}

/// <summary>A layer of <c>model.layers</c>: its name, class, parameters and, for a Sequential, its inner layers.</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="ClassName">Its Keras class.</param>
/// <param name="Parameters">The values of its weights.</param>
/// <param name="Inner">A Sequential's layers; empty for any other layer.</param>
public sealed record KerasLayer(string Name, string ClassName, long Parameters, IReadOnlyList<KerasLayer> Inner)
{
    public static KerasLayer Of(JsonElement e) => new(
        e.GetProperty("name").GetString()!,
        e.GetProperty("class_name").GetString()!,
        e.GetProperty("weights").EnumerateArray().Sum(w => w[1].EnumerateArray().Aggregate(1L, (n, d) => n * d.GetInt64())),
        e.TryGetProperty("layers", out var inner) ? inner.EnumerateArray().Select(Of).ToArray() : []);
}
