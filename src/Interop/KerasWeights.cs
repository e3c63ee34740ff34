using System.Globalization;
using FluentNets.Backends;
using FluentNets.Graph;
using FluentNets.Layers;
using PureHDF;

namespace FluentNets.Interop;

/// <summary>
/// Reads Keras's HDF5 weight files into a network's state, in the names and PyTorch layouts of
/// <see cref="ParameterLayout"/>, ready for <see cref="ICompiledNetwork.SetState"/>. Both layouts
/// Keras writes are read:
/// <list type="bullet">
/// <item>The legacy <c>.h5</c> of Keras 2's <c>save_weights</c> and of the files keras.applications
/// publishes (<c>keras/src/legacy/saving/legacy_h5_format.py</c>): root attributes
/// <c>layer_names</c>, <c>backend</c> and <c>keras_version</c>; one group per layer whose attribute
/// <c>weight_names</c> lists its datasets, e.g. <c>conv1_conv/kernel:0</c> stored at
/// <c>/conv1_conv/conv1_conv/kernel:0</c>; a whole-model <c>.h5</c> holds the same under
/// <c>/model_weights</c>; a nested model's group (a base model inside a transfer-learning model)
/// holds its inner layers' weights, named <c>conv1_conv/kernel:0</c>, and is read as those layers.
/// Layers are matched by name, as <c>load_weights(by_name=True)</c> does; where the file's other
/// layers all carry Keras's automatic names (<c>conv2d_1</c>, <c>batch_normalization_1</c>, as the
/// Keras 2.0-era keras.applications files of Inception-v3 and Xception do), those are matched in
/// order, class by class, to the network's layers of no matching name, as Keras's loader without
/// <c>by_name</c> matches layers in topological order.</item>
/// <item>Keras 3's <c>.weights.h5</c> (<c>keras/src/saving/saving_lib.py</c>, <c>H5IOStore</c>): a
/// layer's variables are datasets <c>0</c>, <c>1</c>, ... under <c>/layers/{class}/vars</c>, where
/// <c>{class}</c> is the snake-case class name numbered within its class in
/// <see cref="KerasLayerOrder">model.layers order</see> (<c>conv2d</c>, <c>conv2d_1</c>, ...):
/// Keras 3 matches by structure, and so does this reader.</item>
/// </list>
/// Kernels convert from TensorFlow's layouts: a convolution's HWIO to OIHW, a depthwise kernel's
/// (H, W, C, M) to (C * M, 1, H, W), a separable convolution's pointwise (1, 1, C * M, F) to
/// (F, C * M, 1, 1), a Dense kernel's (in, out) to (out, in); Keras flattens in (H, W, C) order, as
/// the DSL does, so a Dense after a Flatten needs no permutation. BatchNorm's gamma, beta,
/// moving_mean and moving_variance become weight, bias, running_mean and running_var (no gamma with
/// <c>scale=False</c>, no beta with <c>center=False</c>).
/// </summary>
public static class KerasWeights
{
    /// <summary>Reads every weight of <paramref name="network"/> from a Keras HDF5 file.</summary>
    /// <param name="path">A legacy <c>.h5</c> or a Keras 3 <c>.weights.h5</c> file.</param>
    /// <param name="network">The network the weights are for; its auxiliary heads included.</param>
    /// <returns>Tensors by parameter name, in PyTorch's layouts.</returns>
    /// <exception cref="WeightsException">
    /// The file is not HDF5 or in neither Keras layout (one line naming the file), or its layers
    /// are not the network's: one message naming every layer that is missing, unexpected or of
    /// another shape, with both shapes in Keras's layout.
    /// </exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IReadOnlyDictionary<string, HostTensor> Load(string path, Network network)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(network);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        var layers = KerasLayers(network);
        try
        {
            using var file = H5File.OpenRead(path);
            return Read(path, file, network, layers);
        }
        catch (Exception e) when (e is not WeightsException)
        {
            // PureHDF reports a damaged file with whatever its parser meets first, an OutOfMemoryException
            // too when a damaged size asks for an array beyond .NET's limits; say it in one line.
            string reason = e.Message.Split('\n')[0].Trim();
            throw new WeightsException($"{path}: expected a Keras HDF5 weights file, found one that cannot be read as HDF5 ({reason}).");
        }
    }

    private static Dictionary<string, HostTensor> Read(string path, IH5Group root, Network network, List<KerasLayer> layers)
    {
        if (root.AttributeExists("layer_names"))
        {
            return Match(path, network, layers, AutoNamedInOrder(ReadLegacy(path, root), layers), byName: true);
        }

        if (root.LinkExists("model_weights") && root.Group("model_weights").AttributeExists("layer_names"))
        {
            return Match(path, network, layers, AutoNamedInOrder(ReadLegacy(path, root.Group("model_weights")), layers), byName: true);
        }

        if (root.LinkExists("layers"))
        {
            var found = new Dictionary<string, List<Array3>>(StringComparer.Ordinal);
            ReadKeras3(path, root.Group("layers"), "layers", found);
            return Match(path, network, layers, found, byName: false);
        }

        throw new WeightsException(
            $"{path}: expected Keras weights (a root attribute 'layer_names' as Keras 2 writes, or a group 'layers' as Keras 3's .weights.h5 has), found neither.");
    }

    /// <summary>Legacy layout: each layer's datasets in the order of its <c>weight_names</c>, keyed by the layer's name.</summary>
    private static Dictionary<string, List<Array3>> ReadLegacy(string path, IH5Group group)
    {
        var result = new Dictionary<string, List<Array3>>(StringComparer.Ordinal);
        foreach (string layer in Strings(group.Attribute("layer_names")))
        {
            if (!group.LinkExists(layer))
            {
                throw new WeightsException($"{path}: expected a group '{layer}' as 'layer_names' lists, found none.");
            }

            var g = group.Group(layer);
            string[] weightNames = g.AttributeExists("weight_names") ? Strings(g.Attribute("weight_names")) : [];
            if (weightNames.Length == 0)
            {
                continue;
            }

            // A nested model (a keras.applications base inside a transfer-learning model) is one
            // group whose weight names carry its inner layers' names: conv1_conv/kernel:0, ...
            bool nested = weightNames.Select(Parent).Distinct(StringComparer.Ordinal).Count() > 1;
            foreach (string weight in weightNames)
            {
                if (!g.LinkExists(weight))
                {
                    throw new WeightsException($"{path}: expected a dataset '{layer}/{weight}' as its 'weight_names' lists, found none.");
                }

                string key = nested ? Parent(weight) : layer;
                if (!result.TryGetValue(key, out var arrays))
                {
                    result[key] = arrays = [];
                }

                arrays.Add(ReadArray(path, g.Dataset(weight), Role(weight)));
            }
        }

        return result;
    }

    /// <summary>
    /// The file's layers renamed to the network's where the file's unmatched names are all Keras's automatic
    /// ones (a class's snake-case name and a number, <c>conv2d_7</c>): paired in order with the network's
    /// unmatched layers, when the counts and each pair's class agree. Otherwise the layers as read, and the
    /// match by name reports what differs.
    /// </summary>
    private static Dictionary<string, List<Array3>> AutoNamedInOrder(Dictionary<string, List<Array3>> found, List<KerasLayer> layers)
    {
        // ReadLegacy only adds, so the dictionary enumerates in the file's layer_names order.
        var named = layers.Select(l => l.Node.Name).ToHashSet(StringComparer.Ordinal);
        var fileOnly = found.Keys.Where(f => !named.Contains(f)).ToList();
        var networkOnly = layers.Where(l => !found.ContainsKey(l.Node.Name)).ToList();
        if (fileOnly.Count == 0 || fileOnly.Count != networkOnly.Count
            || fileOnly.Zip(networkOnly).Any(pair => AutoClass(pair.First) != Snake(pair.Second.Node.Layer.KerasType)))
        {
            return found;
        }

        var renamed = fileOnly.Zip(networkOnly).ToDictionary(pair => pair.First, pair => pair.Second.Node.Name, StringComparer.Ordinal);
        return found.ToDictionary(f => renamed.GetValueOrDefault(f.Key, f.Key), f => f.Value, StringComparer.Ordinal);
    }

    /// <summary>The class of an automatic Keras name, <c>batch_normalization</c> of <c>batch_normalization_12</c>, or null.</summary>
    private static string? AutoClass(string name)
    {
        int underscore = name.LastIndexOf('_');
        return underscore > 0 && underscore < name.Length - 1 && name.AsSpan(underscore + 1).IndexOfAnyExceptInRange('0', '9') < 0
            ? name[..underscore]
            : null;
    }

    /// <summary>Keras 3 layout: every group with a non-empty <c>vars</c>, keyed by its path, nested models included.</summary>
    private static void ReadKeras3(string path, IH5Group group, string prefix, Dictionary<string, List<Array3>> found)
    {
        foreach (var child in group.Children().OfType<IH5Group>())
        {
            string key = $"{prefix}/{child.Name}";
            if (child.LinkExists("vars"))
            {
                var vars = child.Group("vars");
                var datasets = vars.Children().OfType<IH5Dataset>()
                    .Select(d => (Index: int.TryParse(d.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int i) ? i : -1, Dataset: d))
                    .OrderBy(d => d.Index)
                    .ToArray();
                if (datasets.Length > 0)
                {
                    if (datasets.Any(d => d.Index < 0) || datasets.Select(d => d.Index).Where((index, position) => index != position).Any())
                    {
                        throw new WeightsException(
                            $"{path}: expected datasets 0 to {datasets.Length - 1} in '{key}/vars', found {string.Join(", ", datasets.Select(d => d.Dataset.Name))}.");
                    }

                    found[key] = datasets.Select(d => ReadArray(path, d.Dataset, "")).ToList();
                }
            }

            if (child.LinkExists("layers"))
            {
                ReadKeras3(path, child.Group("layers"), $"{key}/layers", found);
            }
        }
    }

    private static Dictionary<string, HostTensor> Match(
        string path, Network network, IReadOnlyList<KerasLayer> layers, Dictionary<string, List<Array3>> found, bool byName)
    {
        var result = new Dictionary<string, HostTensor>(StringComparer.Ordinal);
        var missing = new List<string>();
        var different = new List<string>();
        foreach (var layer in layers)
        {
            string key = byName ? layer.Node.Name : layer.Keras3Path;
            if (!found.Remove(key, out var arrays))
            {
                missing.Add($"{key} ({string.Join(", ", layer.Weights.Select(w => $"{w.Role} {Text(w.KerasShape)}"))})");
                continue;
            }

            var weights = byName ? ByRole(layer, arrays) : arrays.Count == layer.Weights.Count ? arrays : null;
            if (weights is null || weights.Count != layer.Weights.Count)
            {
                different.Add($"{key}: file has {string.Join(", ", arrays.Select(a => $"{a.Role} {Text(a.Shape)}".TrimStart()))}, " +
                    $"network has {string.Join(", ", layer.Weights.Select(w => $"{w.Role} {Text(w.KerasShape)}"))}");
                continue;
            }

            var shapes = layer.Weights.Zip(weights)
                .Where(pair => !pair.Second.Shape.SequenceEqual(pair.First.KerasShape))
                .Select(pair => $"{pair.First.Role} is {Text(pair.Second.Shape)} in the file, {Text(pair.First.KerasShape)} in the network")
                .ToList();
            if (shapes.Count > 0)
            {
                different.Add($"{key}: {string.Join(", ", shapes)}");
                continue;
            }

            foreach (var (want, got) in layer.Weights.Zip(weights))
            {
                result[want.Parameter] = new HostTensor(want.Shape, Permute(got.Data, got.Shape, want.Permutation));
            }
        }

        var unexpected = found.Keys.Order(StringComparer.Ordinal).ToList();
        if (missing.Count + different.Count + unexpected.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0)
            {
                parts.Add($"{missing.Count} missing from the file: {string.Join("; ", missing)}");
            }

            if (unexpected.Count > 0)
            {
                parts.Add($"{unexpected.Count} not in the network: {string.Join(", ", unexpected)}");
            }

            if (different.Count > 0)
            {
                parts.Add($"{different.Count} of another shape: {string.Join("; ", different)}");
            }

            string how = byName ? "by name" : "by class and order as Keras 3 does";
            throw new WeightsException($"{path}: the file's layers, matched {how}, are not those of {network.Name}; nothing was loaded. {string.Join(". ", parts)}.");
        }

        return result;
    }

    /// <summary>A legacy layer's arrays in the network's order, found by their names' last part.</summary>
    private static List<Array3>? ByRole(KerasLayer layer, List<Array3> arrays)
    {
        var ordered = new List<Array3>();
        foreach (var weight in layer.Weights)
        {
            var match = arrays.FirstOrDefault(a => weight.Aliases.Contains(a.Role));
            if (match is null)
            {
                return null;
            }

            ordered.Add(match);
        }

        return ordered.Count == arrays.Count ? ordered : null;
    }

    /// <summary>The layers with weights, each with its parameters and their Keras names, shapes and layout changes.</summary>
    private static List<KerasLayer> KerasLayers(Network network)
    {
        // Keras 3 numbers each class over model.layers; auxiliary heads follow the main graph.
        var order = KerasLayerOrder.Of(network).Concat(network.Nodes.Except(network.InferenceNodes)).ToArray();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<KerasLayer>();
        foreach (var node in order)
        {
            string snake = Snake(node.Layer.KerasType);
            int rank = counts.GetValueOrDefault(snake);
            counts[snake] = rank + 1;
            var parameters = ParameterLayout.Of(node).ToArray();
            if (parameters.Length == 0)
            {
                continue;
            }

            var weights = parameters.Select(Weight).ToArray();
            result.Add(new KerasLayer(node, rank == 0 ? $"layers/{snake}" : $"layers/{snake}_{rank}", weights));
        }

        return result;
    }

    /// <summary>The parameter as its layer declares it for Keras: name, aliases, Keras's shape and the axes to PyTorch's.</summary>
    private static KerasWeight Weight(ParameterInfo p)
    {
        var keras = p.Spec?.Keras ?? throw new NotSupportedException($"{p.Name}: no Keras counterpart is declared for this parameter.");
        return new(p.Name, keras.Name, [keras.Name, .. keras.Aliases], [.. p.Shape], [.. keras.Shape], [.. keras.Permutation]);
    }

    /// <summary>Row-major <paramref name="data"/> of <paramref name="shape"/> with axis i of the result taken from axis permutation[i].</summary>
    private static float[] Permute(float[] data, int[] shape, int[] permutation)
    {
        if (permutation.Length == 1 || permutation.Select((axis, i) => axis == i).All(same => same))
        {
            return data;
        }

        int rank = shape.Length;
        var sourceStrides = new int[rank];
        for (int i = rank - 1, stride = 1; i >= 0; stride *= shape[i], i--)
        {
            sourceStrides[i] = stride;
        }

        var outShape = permutation.Select(a => shape[a]).ToArray();
        var strides = permutation.Select(a => sourceStrides[a]).ToArray();
        var result = new float[data.Length];
        var index = new int[rank];
        for (int o = 0; o < result.Length; o++)
        {
            int source = 0;
            for (int i = 0; i < rank; i++)
            {
                source += index[i] * strides[i];
            }

            result[o] = data[source];
            for (int i = rank - 1; i >= 0 && ++index[i] == outShape[i]; i--)
            {
                index[i] = 0;
            }
        }

        return result;
    }

    private static Array3 ReadArray(string path, IH5Dataset dataset, string role)
    {
        var type = dataset.Type;
        ulong[] dims = dataset.Space.Dimensions;
        if (dims.Any(d => d > int.MaxValue) || dims.Aggregate(1.0, (n, d) => n * d) > Array.MaxLength)
        {
            throw new WeightsException($"{path}: expected weights of at most {Array.MaxLength} values in '{dataset.Name}', found a shape [{string.Join(", ", dims)}].");
        }

        int[] shape = dims.Select(d => (int)d).ToArray();
        float[] data = (type.Class, type.Size) switch
        {
            (H5DataTypeClass.FloatingPoint, 4) => dataset.Read<float[]>(),
            (H5DataTypeClass.FloatingPoint, 8) => dataset.Read<double[]>().Select(d => (float)d).ToArray(),

            // Keras's Normalization keeps the count of samples it was adapted to as an int64 weight (EfficientNet's files).
            (H5DataTypeClass.FixedPoint, 8) => dataset.Read<long[]>().Select(v => (float)v).ToArray(),
            (H5DataTypeClass.FixedPoint, 4) => dataset.Read<int[]>().Select(v => (float)v).ToArray(),
            _ => throw new WeightsException($"{path}: expected float32, float64, int32 or int64 weights in '{dataset.Name}', found {type.Class} of {type.Size} bytes."),
        };
        if (data.LongLength != shape.Aggregate(1L, (n, d) => n * d))
        {
            throw new WeightsException($"{path}: expected {shape.Aggregate(1L, (n, d) => n * d)} values in '{dataset.Name}' of shape {Text(shape)}, found {data.Length}.");
        }

        return new Array3(role, shape, data);
    }

    /// <summary>
    /// A list of names; Keras writes an empty list (a layer without weights) as h5py stores <c>[]</c>,
    /// an empty float64 array.
    /// </summary>
    private static string[] Strings(IH5Attribute attribute) =>
        attribute.Space.Dimensions.Aggregate(1UL, (n, d) => n * d) == 0 ? [] : attribute.Read<string[]>();

    /// <summary><c>resnet50/conv1_conv/kernel:0</c> to <c>conv1_conv</c>; empty for a bare <c>kernel:0</c>.</summary>
    private static string Parent(string weightName)
    {
        string[] parts = weightName.Split('/');
        return parts.Length >= 2 ? parts[^2] : "";
    }

    /// <summary><c>conv1_conv/kernel:0</c> to <c>kernel</c>.</summary>
    private static string Role(string weightName)
    {
        string last = weightName[(weightName.LastIndexOf('/') + 1)..];
        int colon = last.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? last : last[..colon];
    }

    private static string Snake(string className) => KerasNames.Snake(className);

    private static string Text(IEnumerable<int> shape) => $"[{string.Join(", ", shape)}]";

    private sealed record Array3(string Role, int[] Shape, float[] Data);

    private sealed record KerasWeight(string Parameter, string Role, string[] Aliases, int[] Shape, int[] KerasShape, int[] Permutation);

    private sealed record KerasLayer(Node Node, string Keras3Path, IReadOnlyList<KerasWeight> Weights);
}
