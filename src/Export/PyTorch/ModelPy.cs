using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentNets.Graph;
using FluentNets.Layers;
using FluentNets.Weights;

namespace FluentNets.Export.PyTorch;

/// <summary>
/// Writes <c>model.py</c>: a self-contained <c>torch.nn.Module</c> with one attribute per layer that
/// holds state or behaviour (merges are plain expressions), TF-style SAME pads and Keras's flatten
/// order spelled out, the auxiliary heads returned after the main output in training mode, and
/// helpers to read and write safetensors files with nothing but torch.
/// </summary>
internal static class ModelPy
{
    public static string Write(Network network, NetworkMetadata metadata)
    {
        var attributes = PythonNames.Of(network.Nodes);
        var inference = network.InferenceNodes.Select(n => n.Id).ToHashSet();
        var outputs = new HashSet<Node>(network.Outputs.Select(o => o.Node));
        string className = PythonNames.Class(network.Name);
        if (SupportNames.Contains(className))
        {
            // A network named stochastic_depth must not replace the StochasticDepth module its own layers use.
            className += "Net";
        }

        var py = new StringBuilder();
        string input = attributes[network.Input];
        var shape = network.Input.Shape;

        py.Append(CultureInfo.InvariantCulture, $""""
            """{network.Name}, written by FluentNets from its graph: a plain torch.nn.Module.

            Input: float32 {Dims(shape)}{(shape.IsImage ? ", channels first" : "")}. Output: '{network.Output.Name}' {Dims(network.Output.Shape)}.
            In training mode forward() returns the main output followed by the auxiliary heads ({Names(network.Auxiliary.Select(a => a.Name))}).
            forward(x, logits=True) leaves out the softmax of each output, for torch.nn.functional.cross_entropy.

            Each layer is the attribute named as in FluentNets, with '/' written '__' and any other character
            outside [A-Za-z0-9_] written '_': layer 'block/conv' is self.block__conv and its weight 'block__conv.weight'.
            TensorFlow's SAME padding is written as explicit pads, and Flatten reads (H, W, C) as Keras does
            unless the layer was built in PyTorch's (C, H, W) order.

                model = {className}()
                model.load_state_dict(load_safetensors("weights.safetensors"), strict=True)
                save_fluentnets_weights(model, "trained.safetensors")  # for fluentnets evaluate --weights
            """

            import json
            import os
            import struct

            import torch
            import torch.nn.functional as F
            from torch import nn

            INPUT_SHAPE = {(shape.IsImage ? $"({shape.Channels}, {shape.Height}, {shape.Width})" : $"({shape.Channels},)")}
            CLASS_NAMES = {JsonSerializer.Serialize(metadata.ClassNames ?? [])}
            PREPROCESSING = {JsonSerializer.Serialize(metadata.Preprocess ?? "")}
            # The weight of each auxiliary head's loss in the training loss, in the order forward() returns them.
            AUX_LOSS_WEIGHTS = [{string.Join(", ", network.Auxiliary.Select(a => Number(a.LossWeight)))}]
            # The FluentNets name of each attribute, to write weights fluentnets reads back.
            LAYER_NAMES = {JsonSerializer.Serialize(network.Nodes.Where(n => n.Parameters.Count > 0).ToDictionary(n => attributes[n], n => n.Name))}
            # The parameters' names under their layers, longest first, to split a FluentNets name into layer and role.
            _ROLES = {JsonSerializer.Serialize(Roles(network))}


            """");
        py.Append(Support);
        py.Append(CultureInfo.InvariantCulture, $"""


            class {className}(nn.Module):
                def __init__(self):
                    super().__init__()

            """);
        foreach (var node in network.Nodes)
        {
            string? module = PyLayers.For(node).Module(node);
            if (module is not null)
            {
                py.Append(CultureInfo.InvariantCulture, $"        self.{attributes[node]} = {module}\n");
            }
        }

        py.Append(CultureInfo.InvariantCulture, $"\n    def forward(self, {input}, logits=False):\n");
        foreach (var node in network.Nodes.Where(n => inference.Contains(n.Id)))
        {
            Forward(node);
        }

        if (network.Auxiliary.Count > 0)
        {
            py.Append(CultureInfo.InvariantCulture, $"        if not self.training:\n            return {attributes[network.Output]}\n");
            foreach (var node in network.Nodes.Where(n => !inference.Contains(n.Id)))
            {
                Forward(node);
            }

            py.Append(CultureInfo.InvariantCulture,
                $"        return {attributes[network.Output]}, {string.Join(", ", network.Auxiliary.Select(a => attributes[a.Node]))}\n");
        }
        else
        {
            py.Append(CultureInfo.InvariantCulture, $"        return {attributes[network.Output]}\n");
        }

        py.Append(CultureInfo.InvariantCulture, $"\n\nModel = {className}\n");
        return py.ToString();

        void Forward(Node node) =>
            PyLayers.For(node).Forward(new PyForward(py, node, attributes[node], node.Inputs.Select(i => attributes[i]).ToArray(), outputs.Contains(node)));
    }

    /// <summary>The names model.py defines before the network's class: its support classes and functions, and the <c>F</c> it imports.</summary>
    private static readonly HashSet<string> SupportNames =
        [.. Regex.Matches(Support, @"^(?:class|def) (\w+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value), "F"];

    /// <summary>Every parameter role the network's layers declare but the empty one, longest first, so <c>depthwise.weight</c> is tried before <c>weight</c>.</summary>
    private static string[] Roles(Network network) =>
        network.Nodes.SelectMany(n => n.Parameters).Select(p => p.Role).Where(r => r.Length > 0).Distinct()
            .OrderByDescending(r => r.Length).ThenBy(r => r, StringComparer.Ordinal).ToArray();

    /// <summary><c>nn.Conv2d</c>, or <c>PaddedConv2d</c> for uneven pads.</summary>
    internal static string Convolution(Node node, int cin, int cout, int groups, bool bias)
    {
        var w = Window(node);
        string common = $"{cin}, {cout}, {Pair(w.Kernel)}, stride={Pair(w.Stride)}, dilation={Pair(w.Dilation)}, groups={groups}, bias={Bool(bias)}";
        return w.IsSymmetric
            ? $"nn.Conv2d({common}, padding=({w.PadTop}, {w.PadLeft}))"
            : $"PaddedConv2d({common}, pads={Pads(w)})";
    }

    /// <summary>The exception for a layer PyTorch has no form for, naming it, its kind and its input.</summary>
    internal static ExportException Unsupported(Node node, string why) =>
        new($"{node.Name} ({node.Layer.KerasType}, input {string.Join(" + ", node.InputShapes)}): cannot export to PyTorch: {why}.");

    /// <summary>The node's resolved window.</summary>
    /// <exception cref="ExportException">It has none.</exception>
    internal static Window2D Window(Node node) => node.Window ?? throw Unsupported(node, "the layer has no resolved window");

    /// <summary>F.pad's order, last axis first: (left, right, top, bottom).</summary>
    internal static string Pads(Window2D w) => $"({w.PadLeft}, {w.PadRight}, {w.PadTop}, {w.PadBottom})";

    /// <summary>A Python pair (h, w).</summary>
    internal static string Pair(Size2 s) => $"({s.H}, {s.W})";

    /// <summary>A Python bool.</summary>
    internal static string Bool(bool b) => b ? "True" : "False";

    /// <summary>A Python float literal that reads back as the same double.</summary>
    internal static string Number(double d) => d.ToString("R", CultureInfo.InvariantCulture) is var s && (s.Contains('.') || s.Contains('E')) ? s : s + ".0";

    /// <summary>A Python list of float literals.</summary>
    internal static string Numbers(IEnumerable<double> values) => $"[{string.Join(", ", values.Select(Number))}]";

    private static string Dims(Shape s) => s.IsImage ? $"(N, {s.Channels}, {s.Height}, {s.Width})" : $"(N, {s.Channels})";

    private static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names.Select(n => $"'{n}'")) : "none here";

    private const string Support = """"
        class PaddedConv2d(nn.Conv2d):
            """A convolution with uneven zero pads (TensorFlow's SAME with an odd total), applied before it."""

            def __init__(self, *args, pads, **kwargs):
                super().__init__(*args, **kwargs)
                self.pads = pads

            def forward(self, x):
                return super().forward(F.pad(x, self.pads))


        class SeparableConv2d(nn.Module):
            """Keras's SeparableConv2D: a depthwise then a 1x1 pointwise convolution, neither biased, then one bias."""

            def __init__(self, channels, filters, kernel, stride, pads, dilation, depth_multiplier=1, bias=True):
                super().__init__()
                self.pads = pads
                middle = channels * depth_multiplier
                self.depthwise = nn.Conv2d(channels, middle, kernel, stride=stride, dilation=dilation, groups=channels, bias=False)
                self.pointwise = nn.Conv2d(middle, filters, 1, bias=False)
                self.bias = nn.Parameter(torch.zeros(filters)) if bias else None

            def forward(self, x):
                y = self.pointwise(self.depthwise(F.pad(x, self.pads)))
                return y if self.bias is None else y + self.bias.view(1, -1, 1, 1)


        class BatchNorm(nn.Module):
            """Keras's BatchNormalization: gamma (scale) and beta (center) each optional, no num_batches_tracked."""

            def __init__(self, channels, eps, momentum, scale=True, center=True):
                super().__init__()
                self.eps = eps
                self.momentum = momentum
                self.weight = nn.Parameter(torch.ones(channels)) if scale else None
                self.bias = nn.Parameter(torch.zeros(channels)) if center else None
                self.register_buffer("running_mean", torch.zeros(channels))
                self.register_buffer("running_var", torch.ones(channels))

            def forward(self, x):
                return F.batch_norm(x, self.running_mean, self.running_var, self.weight, self.bias, self.training, self.momentum, self.eps)


        def keras_relu(x, negative_slope, max_value, threshold):
            """Keras's relu: x above the threshold (capped at max_value), negative_slope * (x - threshold) below."""
            positive = x * (x > threshold)
            if max_value is not None:
                positive = positive.clamp(0.0, max_value)
            return positive - negative_slope * F.relu(threshold - x)


        class KerasReLU(nn.Module):
            """Keras's ReLU layer with its negative_slope, max_value and threshold."""

            def __init__(self, negative_slope, max_value, threshold):
                super().__init__()
                self.args = (negative_slope, max_value, threshold)

            def forward(self, x):
                return keras_relu(x, *self.args)


        class PaddedPool2d(nn.Module):
            """Pooling over padded windows as Keras does: padding never wins a max and never counts in an average."""

            def __init__(self, kind, kernel, stride, pads):
                super().__init__()
                self.kind = kind
                self.kernel = kernel
                self.stride = stride
                self.pads = pads

            def forward(self, x):
                if self.kind == "max":
                    return F.max_pool2d(F.pad(x, self.pads, value=float("-inf")), self.kernel, self.stride)
                ones = torch.ones_like(x[:1, :1])
                sums = F.avg_pool2d(F.pad(x, self.pads), self.kernel, self.stride)
                return sums / F.avg_pool2d(F.pad(ones, self.pads), self.kernel, self.stride)


        class ChannelsLinear(nn.Linear):
            """Keras's Dense on an image: a Linear over the channels of every pixel, (N, C, H, W) to (N, units, H, W)."""

            def forward(self, x):
                return super().forward(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)


        class GlobalPool2d(nn.Module):
            """Global average or max pooling to an (N, C) vector."""

            def __init__(self, kind):
                super().__init__()
                self.kind = kind

            def forward(self, x):
                return x.amax((2, 3)) if self.kind == "max" else x.mean((2, 3))


        class ChannelsLastFlatten(nn.Module):
            """Keras's Flatten: (N, C, H, W) read in (H, W, C) order, so a following Linear keeps Keras's weights."""

            def forward(self, x):
                return torch.flatten(x.permute(0, 2, 3, 1), 1)


        class ChannelsLastReshape(nn.Module):
            """Keras's Reshape of a vector to an image: the values read in (H, W, C) order, then made channels-first."""

            def __init__(self, height, width, channels):
                super().__init__()
                self.shape = (height, width, channels)

            def forward(self, x):
                return x.reshape(x.shape[0], *self.shape).permute(0, 3, 1, 2)


        def per_channel(values, x):
            """One value, or one per channel, shaped to broadcast over the channel axis of x (N, C) or (N, C, H, W)."""
            return values.view((1, -1) + (1,) * (x.dim() - 2))


        class KerasRescaling(nn.Module):
            """Keras's Rescaling: x * scale + offset, each one value for all channels or one per channel."""

            def __init__(self, scale, offset):
                super().__init__()
                self.register_buffer("scale", torch.tensor(scale), persistent=False)
                self.register_buffer("offset", torch.tensor(offset), persistent=False)

            def forward(self, x):
                return x * per_channel(self.scale, x) + per_channel(self.offset, x)


        class KerasNormalization(nn.Module):
            """Keras's Normalization: (x - mean) / max(sqrt(variance), 1e-7) per channel, of saved state (mean, variance, count) or of constants."""

            def __init__(self, channels, mean=None, variance=None):
                super().__init__()
                saved = mean is None
                self.register_buffer("mean", torch.zeros(channels) if saved else torch.tensor(mean), persistent=saved)
                self.register_buffer("variance", torch.ones(channels) if saved else torch.tensor(variance), persistent=saved)
                if saved:
                    self.register_buffer("count", torch.zeros(()))

            def forward(self, x):
                return (x - per_channel(self.mean, x)) / per_channel(self.variance.sqrt().clamp_min(1e-7), x)


        class ChannelsLayerNorm(nn.Module):
            """Layer normalisation over the channels of each position (torchvision's LayerNorm2d on an image), gamma (scale) and beta (center) each optional."""

            def __init__(self, channels, eps, scale=True, center=True):
                super().__init__()
                self.channels = (channels,)
                self.eps = eps
                self.weight = nn.Parameter(torch.ones(channels)) if scale else None
                self.bias = nn.Parameter(torch.zeros(channels)) if center else None

            def forward(self, x):
                if x.dim() != 4:
                    return F.layer_norm(x, self.channels, self.weight, self.bias, self.eps)
                return F.layer_norm(x.permute(0, 2, 3, 1), self.channels, self.weight, self.bias, self.eps).permute(0, 3, 1, 2)


        class StochasticDepth(nn.Module):
            """Stochastic depth: in training, each example's values kept together with probability 1 - p and divided by it,
            as torchvision.ops.stochastic_depth(mode="row"); the identity in eval mode."""

            def __init__(self, p):
                super().__init__()
                self.p = p

            def forward(self, x):
                if not self.training or self.p == 0.0:
                    return x
                survival = 1.0 - self.p
                noise = torch.empty((x.shape[0],) + (1,) * (x.dim() - 1), dtype=x.dtype, device=x.device).bernoulli_(survival)
                return x * noise.div_(survival)


        def load_safetensors(path):
            """Every tensor of a float32 safetensors file, by name."""
            with open(path, "rb") as f:
                data = bytearray(f.read())
            (length,) = struct.unpack("<Q", data[:8])
            header = json.loads(data[8:8 + length])
            header.pop("__metadata__", None)
            tensors = {}
            for name, entry in header.items():
                if entry["dtype"] != "F32":
                    raise ValueError(f"{path}: tensor '{name}' is {entry['dtype']}, expected F32")
                begin, end = entry["data_offsets"]
                count = (end - begin) // 4
                flat = torch.frombuffer(data, dtype=torch.float32, count=count, offset=8 + length + begin) if count else torch.zeros(0)
                tensors[name] = flat.reshape(entry["shape"]).clone()
            return tensors


        def save_safetensors(path, tensors, metadata=None):
            """Writes float32 tensors as a safetensors file, through a temporary file renamed over the target."""
            names = sorted(tensors)
            header = {"__metadata__": {"format": "pt", **(metadata or {})}}
            blobs = []
            offset = 0
            for name in names:
                blob = tensors[name].detach().to("cpu", torch.float32).contiguous().numpy().tobytes()
                header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(blob)]}
                offset += len(blob)
                blobs.append(blob)
            text = json.dumps(header, separators=(",", ":")).encode()
            text += b" " * (-len(text) % 8)
            partial = path + ".partial"
            with open(partial, "wb") as f:
                f.write(struct.pack("<Q", len(text)))
                f.write(text)
                for blob in blobs:
                    f.write(blob)
            os.replace(partial, path)


        def fluentnets_state_dict(model):
            """The model's state under FluentNets's layer names."""
            state = {}
            for key, value in model.state_dict().items():
                # A layer that is itself a parameter (LayerScale) has no role: its key is its attribute.
                attribute, _, role = key.partition(".")
                state[f"{LAYER_NAMES[attribute]}.{role}" if role else LAYER_NAMES[attribute]] = value
            return state


        def save_fluentnets_weights(model, path, metadata=None):
            """Writes weights that fluentnets evaluate --weights loads."""
            save_safetensors(path, fluentnets_state_dict(model), metadata)


        def load_weights(model, path):
            """Loads a safetensors file named by attribute (weights.safetensors) or by FluentNets layer, strictly."""
            attributes = {layer: attribute for attribute, layer in LAYER_NAMES.items()}
            state = {}
            for key, value in load_safetensors(path).items():
                if key in attributes:
                    state[attributes[key]] = value
                    continue
                role = next((r for r in _ROLES if key.endswith("." + r)), None)
                layer = key[:-len(role) - 1] if role else None
                state[f"{attributes[layer]}.{role}" if layer in attributes else key] = value
            model.load_state_dict(state, strict=True)
            return model
        """";
}
