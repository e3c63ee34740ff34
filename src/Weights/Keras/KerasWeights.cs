using System.Buffers.Binary;
using System.Globalization;
using FluentNets.Backends;
using FluentNets.Graph;
using FluentNets.Layers;
using PureHDF;
using PureHDF.Filters;

namespace FluentNets.Weights;

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
    /// <summary>
    /// The most levels of nested models a Keras 3 file's <c>layers</c> groups may have; Keras nests a model
    /// in a model a few levels deep at most, and a group linked back to an enclosing one nests without end.
    /// </summary>
    public const int MaxNesting = 16;

    private static readonly CheckedFletcher32Filter Fletcher32 = new();

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
    public static IReadOnlyDictionary<string, HostTensor> Load(string path, Network network) => Load(path, network, WeightMatching.Strict);

    /// <summary>
    /// Reads the weights of <paramref name="network"/> from a Keras HDF5 file as <paramref name="matching"/> allows:
    /// the parameters of a layer it tolerates as missing or of another shape are left out.
    /// </summary>
    /// <param name="path">A legacy <c>.h5</c> or a Keras 3 <c>.weights.h5</c> file.</param>
    /// <param name="network">The network the weights are for; its auxiliary heads included.</param>
    /// <param name="matching">What may be missing, differ or be extra.</param>
    /// <returns>Tensors by parameter name, in PyTorch's layouts.</returns>
    /// <exception cref="WeightsException">The file is not HDF5 or in neither Keras layout, or its layers are not the network's.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IReadOnlyDictionary<string, HostTensor> Load(string path, Network network, WeightMatching matching)
    {
        ArgumentNullException.ThrowIfNull(matching);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(network);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        var layers = KerasLayers(network);
        HdfLinkGuardStream? guard = null;
        try
        {
            H5Filter.Register(Fletcher32);
            guard = new HdfLinkGuardStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
            guard.LimitToSuperblock();
            guard.Position = 0;
            using var file = H5File.Open(guard, leaveOpen: true);
            var state = Read(path, file, network, layers, guard, matching);
            return guard.CycleSuspected ? throw Cycle(path, guard) : state;
        }
        catch (Exception) when (guard?.CycleSuspected == true)
        {
            // Whatever PureHDF made of the unresolved link (a missing group, an exception of its own), the cause is the cycle.
            throw Cycle(path, guard);
        }
        catch (Exception e) when (e is not WeightsException)
        {
            // PureHDF reports a damaged file with whatever its parser meets first, an OutOfMemoryException
            // too when a damaged size asks for an array beyond .NET's limits; say it in one line.
            string reason = e.Message.Split('\n')[0].Trim();
            throw new WeightsException($"{path}: expected a Keras HDF5 weights file, found one that cannot be read as HDF5 ({reason}).");
        }
        finally
        {
            guard?.Dispose();
        }
    }

    private static WeightsException Cycle(string path, HdfLinkGuardStream guard) =>
        new($"{path}: expected HDF5 links that lead to a group or dataset, found a cycle of soft links at '{guard.Reading}' (h5py refuses it too); nothing was loaded.");

    private static Dictionary<string, HostTensor> Read(string path, IH5Group root, Network network, List<KerasLayer> layers, HdfLinkGuardStream guard, WeightMatching matching)
    {
        guard.Reading = "/";
        if (root.AttributeExists("layer_names"))
        {
            return Match(path, network, layers, AutoNamedInOrder(ReadLegacy(path, root, guard), layers), byName: true, matching);
        }

        guard.Reading = "model_weights";
        if (root.LinkExists("model_weights") && root.Group("model_weights").AttributeExists("layer_names"))
        {
            return Match(path, network, layers, AutoNamedInOrder(ReadLegacy(path, root.Group("model_weights"), guard), layers), byName: true, matching);
        }

        guard.Reading = "layers";
        if (root.LinkExists("layers"))
        {
            var found = new Dictionary<string, List<Array3>>(StringComparer.Ordinal);
            // Honest files have one group per layer, and a few more for nested models; a link back to an
            // enclosing group multiplies them.
            int budget = 64 + (8 * network.Nodes.Count);
            ReadKeras3(path, root.Group("layers"), "layers", found, guard, depth: 1, ref budget);
            return Match(path, network, layers, found, byName: false, matching);
        }

        throw new WeightsException(
            $"{path}: expected Keras weights (a root attribute 'layer_names' as Keras 2 writes, or a group 'layers' as Keras 3's .weights.h5 has), found neither.");
    }

    /// <summary>Legacy layout: each layer's datasets in the order of its <c>weight_names</c>, keyed by the layer's name.</summary>
    private static Dictionary<string, List<Array3>> ReadLegacy(string path, IH5Group group, HdfLinkGuardStream guard)
    {
        var result = new Dictionary<string, List<Array3>>(StringComparer.Ordinal);
        foreach (string layer in Strings(path, group.Attribute("layer_names"), guard.Length))
        {
            guard.Reading = layer;
            if (!group.LinkExists(layer))
            {
                throw new WeightsException($"{path}: expected a group '{layer}' as 'layer_names' lists, found none.");
            }

            var g = group.Group(layer);
            string[] weightNames = g.AttributeExists("weight_names") ? Strings(path, g.Attribute("weight_names"), guard.Length) : [];
            if (weightNames.Length == 0)
            {
                continue;
            }

            // A nested model (a keras.applications base inside a transfer-learning model) is one
            // group whose weight names carry its inner layers' names: conv1_conv/kernel:0, ...
            bool nested = weightNames.Select(Parent).Distinct(StringComparer.Ordinal).Count() > 1;
            foreach (string weight in weightNames)
            {
                guard.Reading = $"{layer}/{weight}";
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
    private static void ReadKeras3(
        string path, IH5Group group, string prefix, Dictionary<string, List<Array3>> found, HdfLinkGuardStream guard, int depth, ref int budget)
    {
        if (depth > MaxNesting)
        {
            throw new WeightsException(
                $"{path}: expected Keras 3 'layers' groups nested at most {MaxNesting} deep, found '{prefix}' deeper (a link back to an enclosing group?); nothing was loaded.");
        }

        guard.Reading = prefix;
        foreach (var child in group.Children().OfType<IH5Group>())
        {
            string key = $"{prefix}/{child.Name}";
            if (--budget < 0)
            {
                throw new WeightsException(
                    $"{path}: expected a group under 'layers' for each layer of the network and its nested models, found more than the network could use at '{key}' (a link back to an enclosing group?); nothing was loaded.");
            }

            guard.Reading = $"{key}/vars";
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

            guard.Reading = $"{key}/layers";
            if (child.LinkExists("layers"))
            {
                ReadKeras3(path, child.Group("layers"), $"{key}/layers", found, guard, depth + 1, ref budget);
            }
        }
    }

    private static Dictionary<string, HostTensor> Match(
        string path, Network network, IReadOnlyList<KerasLayer> layers, Dictionary<string, List<Array3>> found, bool byName, WeightMatching matching)
    {
        bool Tolerated(KerasLayer layer, bool missing) => ParameterLayout.Of(layer.Node).All(p => matching.Tolerates(network, p, missing));

        var result = new Dictionary<string, HostTensor>(StringComparer.Ordinal);
        var missing = new List<string>();
        var different = new List<string>();
        foreach (var layer in layers)
        {
            string key = byName ? layer.Node.Name : layer.Keras3Path;
            if (!found.Remove(key, out var arrays))
            {
                if (Tolerated(layer, missing: true))
                {
                    continue;
                }

                missing.Add($"{key} ({string.Join(", ", layer.Weights.Select(w => $"{w.Role} {Text(w.KerasShape)}"))})");
                continue;
            }

            var weights = byName ? ByRole(layer, arrays) : arrays.Count == layer.Weights.Count ? arrays : null;
            if ((weights is null || weights.Count != layer.Weights.Count) && Tolerated(layer, missing: false))
            {
                continue;
            }

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
            if (shapes.Count > 0 && Tolerated(layer, missing: false))
            {
                continue;
            }

            if (shapes.Count > 0)
            {
                different.Add($"{key}: {string.Join(", ", shapes)}");
                continue;
            }

            foreach (var (want, got) in layer.Weights.Zip(weights))
            {
                // Read only now that the shape is the network's: a dataset may declare any size.
                result[want.Parameter] = new HostTensor(want.Shape, Permute(got.Values(), got.Shape, want.Permutation));
            }
        }

        var unexpected = matching.IgnoresUnexpected ? [] : found.Keys.Order(StringComparer.Ordinal).ToList();
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
            var match = arrays.FirstOrDefault(a => weight.Aliases.Any(alias => Layers.KerasWeight.IsNamed(alias, a.Role)));
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

    /// <summary>A dataset's role and shape, and how to read its values: not yet, as its shape may be any size.</summary>
    private static Array3 ReadArray(string path, IH5Dataset dataset, string role)
    {
        var type = dataset.Type;
        ulong[] dims = dataset.Space.Dimensions;
        if (dims.Any(d => d > int.MaxValue) || dims.Aggregate(1.0, (n, d) => n * d) > Array.MaxLength)
        {
            throw new WeightsException($"{path}: expected weights of at most {Array.MaxLength} values in '{dataset.Name}', found a shape [{string.Join(", ", dims)}].");
        }

        // Keras's Normalization keeps the count of samples it was adapted to as an int64 weight (EfficientNet's files).
        bool integer = type.Class == H5DataTypeClass.FixedPoint && type.Size is 4 or 8;
        if (!integer && (type.Class != H5DataTypeClass.FloatingPoint || type.Size is not (2 or 4 or 8)))
        {
            throw new WeightsException($"{path}: expected float16, float32, float64, int32 or int64 weights in '{dataset.Name}', found {type.Class} of {type.Size} bytes.");
        }

        if (!integer && HdfFloatLayout.Unusual(type) is { } layout)
        {
            throw new WeightsException($"{path}: expected IEEE 754 floats in '{dataset.Name}', as Keras writes them, found {layout}.");
        }

        int[] shape = dims.Select(d => (int)d).ToArray();
        return new Array3(role, shape, () => ReadValues(path, dataset, shape, integer));
    }

    private static float[] ReadValues(string path, IH5Dataset dataset, int[] shape, bool integer)
    {
        int size = dataset.Type.Size;
        float[] data;
        try
        {
            data = (integer, size) switch
            {
                (true, 8) => Array.ConvertAll(dataset.Read<long[]>(), v => (float)v),
                (true, _) => Array.ConvertAll(dataset.Read<int[]>(), v => (float)v),
                (_, 2) => Array.ConvertAll(dataset.Read<ushort[]>(), bits => (float)BitConverter.UInt16BitsToHalf(bits)),
                (_, 4) => dataset.Read<float[]>(),
                _ => Array.ConvertAll(dataset.Read<double[]>(), d => (float)d),
            };
        }
        catch (Exception e) when (!integer && e.Message.StartsWith("Byte order conversion", StringComparison.Ordinal))
        {
            // PureHDF 2.2.0 reads big-endian numbers only as bytes; h5py and Keras read them as any other.
            data = BigEndian(dataset.Read<byte[]>(), size);
        }

        long expected = shape.Aggregate(1L, (n, d) => n * d);
        if (data.LongLength != expected)
        {
            throw new WeightsException($"{path}: expected {expected} values in '{dataset.Name}' of shape {Text(shape)}, found {data.Length}.");
        }

        return data;
    }

    private static float[] BigEndian(byte[] bytes, int size)
    {
        var result = new float[bytes.Length / size];
        var span = bytes.AsSpan();
        for (int i = 0; i < result.Length; i++)
        {
            var value = span.Slice(i * size, size);
            result[i] = size switch
            {
                2 => (float)BinaryPrimitives.ReadHalfBigEndian(value),
                4 => BinaryPrimitives.ReadSingleBigEndian(value),
                _ => (float)BinaryPrimitives.ReadDoubleBigEndian(value),
            };
        }

        return result;
    }

    /// <summary>
    /// A list of names; Keras writes an empty list (a layer without weights) as h5py stores <c>[]</c>,
    /// an empty float64 array. A list longer than the file has bytes is damage, refused before it is allocated.
    /// </summary>
    private static string[] Strings(string path, IH5Attribute attribute, long fileLength)
    {
        double count = attribute.Space.Dimensions.Aggregate(1.0, (n, d) => n * d);
        if (count > fileLength)
        {
            throw new WeightsException($"{path}: expected a list of names in the attribute '{attribute.Name}', found one of {count} entries in a file of {fileLength} bytes.");
        }

        return count == 0 ? [] : attribute.Read<string[]>();
    }

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

    private sealed record Array3(string Role, int[] Shape, Func<float[]> Values);

    private sealed record KerasWeight(string Parameter, string Role, string[] Aliases, int[] Shape, int[] KerasShape, int[] Permutation);

    private sealed record KerasLayer(Node Node, string Keras3Path, IReadOnlyList<KerasWeight> Weights);
}
