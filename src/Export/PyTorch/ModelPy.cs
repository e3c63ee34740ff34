using System.Globalization;
using System.Text;
using System.Text.Json;
using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>
/// Writes <c>model.py</c>: a self-contained <c>torch.nn.Module</c> with one attribute per layer that
/// holds state or behaviour (merges are plain expressions), TF-style SAME pads and Keras's flatten
/// order spelled out, the auxiliary heads returned after the main output in training mode, and
/// helpers to read and write safetensors files with nothing but torch.
/// </summary>
internal static class ModelPy
{
    public static string Write(Network network, ExportMetadata metadata)
    {
        var attributes = PythonNames.Of(network.Nodes);
        var inference = network.InferenceNodes.Select(n => n.Id).ToHashSet();
        var outputs = new HashSet<Node>(network.Outputs.Select(o => o.Node));
        string className = PythonNames.Class(network.Name);
        var py = new StringBuilder();
        string input = attributes[network.Input];
        var shape = network.Input.Shape;

        py.Append(CultureInfo.InvariantCulture, $""""
            """{network.Name}, written by FluentNets from its graph: a plain torch.nn.Module.

            Input: float32 (N, {shape.Channels}, {shape.Height}, {shape.Width}), channels first. Output: '{network.Output.Name}' {Dims(network.Output.Shape)}.
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

            INPUT_SHAPE = ({shape.Channels}, {shape.Height}, {shape.Width})
            CLASS_NAMES = {JsonSerializer.Serialize(metadata.ClassNames)}
            PREPROCESSING = {JsonSerializer.Serialize(metadata.Preprocessing)}
            # The weight of each auxiliary head's loss in the training loss, in the order forward() returns them.
            AUX_LOSS_WEIGHTS = [{string.Join(", ", network.Auxiliary.Select(a => Number(a.LossWeight)))}]
            # The FluentNets name of each attribute, to write weights fluentnets reads back.
            LAYER_NAMES = {JsonSerializer.Serialize(network.Nodes.Where(n => Stateful(n.Layer)).ToDictionary(n => attributes[n], n => n.Name))}


            """");
        py.Append(Support);
        py.Append(CultureInfo.InvariantCulture, $"""


            class {className}(nn.Module):
                def __init__(self):
                    super().__init__()

            """);
        foreach (var node in network.Nodes)
        {
            string? module = Module(node);
            if (module is not null)
            {
                py.Append(CultureInfo.InvariantCulture, $"        self.{attributes[node]} = {module}\n");
            }
        }

        py.Append(CultureInfo.InvariantCulture, $"\n    def forward(self, {input}, logits=False):\n");
        foreach (var node in network.Nodes.Where(n => inference.Contains(n.Id)))
        {
            Forward(py, node, attributes, outputs.Contains(node));
        }

        if (network.Auxiliary.Count > 0)
        {
            py.Append(CultureInfo.InvariantCulture, $"        if not self.training:\n            return {attributes[network.Output]}\n");
            foreach (var node in network.Nodes.Where(n => !inference.Contains(n.Id)))
            {
                Forward(py, node, attributes, outputs.Contains(node));
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
    }

    private static bool Stateful(LayerSpec layer) => layer is Conv2D or DepthwiseConv2D or SeparableConv2D or Dense or BatchNormalization;

    private static string? Module(Node node)
    {
        int cin = node.Inputs.Length > 0 ? node.Inputs[0].Shape.Channels : 0;
        switch (node.Layer)
        {
            case Conv2D c:
                return Convolution(node, cin, c.Filters, c.Groups, c.UseBias);
            case DepthwiseConv2D d:
                return Convolution(node, cin, node.Shape.Channels, cin, d.UseBias);
            case SeparableConv2D s:
            {
                var w = Window(node);
                return $"SeparableConv2d({cin}, {s.Filters}, {Pair(w.Kernel)}, {Pair(w.Stride)}, {Pads(w)}, {Pair(w.Dilation)}, depth_multiplier={s.DepthMultiplier}, bias={Bool(s.UseBias)})";
            }

            case Dense d:
                // On an image Keras's Dense acts on the channels: the same (units, channels) weight, applied channels-last.
                return $"{(node.Inputs[0].Shape.IsImage ? "ChannelsLinear" : "nn.Linear")}({cin}, {d.Units}, bias={Bool(d.UseBias)})";
            case BatchNormalization b:
                return $"BatchNorm({cin}, eps={Number(b.Epsilon)}, momentum={Number(1 - b.Momentum)}, scale={Bool(b.Scale)}, center={Bool(b.Center)})";
            case Pooling2D p:
                return Pooling(node, p);
            case AdaptiveAveragePooling2D a:
                return $"nn.AdaptiveAvgPool2d({Pair(a.OutputSize)})";
            case GlobalPooling2D g:
                return $"GlobalPool2d(\"{(g.Kind == PoolKind.Max ? "max" : "avg")}\")";
            case ZeroPadding2D z:
                return $"nn.ZeroPad2d(({z.Left}, {z.Right}, {z.Top}, {z.Bottom}))";
            case Layers.Flatten f:
                return !node.Inputs[0].Shape.IsImage ? "nn.Identity()"
                    : f.Order == FlattenOrder.ChannelsHeightWidth ? "nn.Flatten(1)"
                    : "ChannelsLastFlatten()";
            case Layers.Dropout d:
                return $"nn.Dropout({Number(d.Rate)})";
            case ActivationLayer a:
                return PyActivations.Module(a.Function, node.Name);
            case LocalResponseNormalization l:
                return $"nn.LocalResponseNorm({l.Size}, alpha={Number(l.Alpha)}, beta={Number(l.Beta)}, k={Number(l.K)})";
            case InputLayer or Concatenate or Layers.Add or Layers.Multiply:
                return null;
            default:
                throw Unsupported(node, "no PyTorch form for this layer type");
        }
    }

    private static void Forward(StringBuilder py, Node node, IReadOnlyDictionary<Node, string> attributes, bool isOutput)
    {
        string v = attributes[node];
        string[] inputs = node.Inputs.Select(i => attributes[i]).ToArray();
        string call = $"self.{v}({(inputs.Length > 0 ? inputs[0] : "")})";
        switch (node.Layer)
        {
            case InputLayer:
                return;
            case Conv2D { Activation: var a }:
                Activated(py, v, call, a, isOutput);
                return;
            case DepthwiseConv2D { Activation: var a }:
                Activated(py, v, call, a, isOutput);
                return;
            case SeparableConv2D { Activation: var a }:
                Activated(py, v, call, a, isOutput);
                return;
            case Dense { Activation: var a }:
                Activated(py, v, call, a, isOutput);
                return;
            case ActivationLayer { Function: Activations.Softmax } when isOutput:
                py.Append(CultureInfo.InvariantCulture, $"        {v} = {inputs[0]} if logits else {call}\n");
                return;
            case Concatenate:
                py.Append(CultureInfo.InvariantCulture, $"        {v} = torch.cat([{string.Join(", ", inputs)}], 1)\n");
                return;
            case Layers.Add:
                py.Append(CultureInfo.InvariantCulture, $"        {v} = {string.Join(" + ", inputs)}\n");
                return;
            case Layers.Multiply:
            {
                // A C-vector scales an image channel by channel: view it as (N, C, 1, 1).
                var factors = node.Inputs.Select((input, i) => node.Shape.IsImage && !input.Shape.IsImage
                    ? $"{inputs[i]}[:, :, None, None]"
                    : inputs[i]);
                py.Append(CultureInfo.InvariantCulture, $"        {v} = {string.Join(" * ", factors)}\n");
                return;
            }

            default:
                py.Append(CultureInfo.InvariantCulture, $"        {v} = {call}\n");
                return;
        }
    }

    private static void Activated(StringBuilder py, string v, string call, Activation activation, bool isOutput)
    {
        string Apply(string x) => PyActivations.Call(activation, x, v);

        if (activation is Activations.Softmax && isOutput)
        {
            py.Append(CultureInfo.InvariantCulture, $"        {v} = {call}\n        if not logits:\n            {v} = {Apply(v)}\n");
            return;
        }

        py.Append(CultureInfo.InvariantCulture, $"        {v} = {Apply(call)}\n");
    }

    /// <summary>
    /// Keras's pooling (padding neither wins a max nor counts in an average) as nn.MaxPool2d/nn.AvgPool2d
    /// or PaddedPool2d for uneven pads; PyTorch's ceil mode and counted padding as nn.MaxPool2d/nn.AvgPool2d's
    /// own, which take only even pads.
    /// </summary>
    private static string Pooling(Node node, Pooling2D p)
    {
        var w = Window(node);
        string kind = p.Kind == PoolKind.Max ? "MaxPool2d" : "AvgPool2d";
        if (!p.CeilMode && !p.CountPadding)
        {
            return w.IsUnpadded
                ? $"nn.{kind}({Pair(w.Kernel)}, {Pair(w.Stride)})"
                : $"PaddedPool2d(\"{(p.Kind == PoolKind.Max ? "max" : "avg")}\", {Pair(w.Kernel)}, {Pair(w.Stride)}, {Pads(w)})";
        }

        if (!w.IsSymmetric)
        {
            throw Unsupported(node,
                $"nn.{kind} takes one pad per axis, and ceil mode or counted padding with uneven pads {Pads(w)} (left, right, top, bottom) has no such form");
        }

        string common = $"{Pair(w.Kernel)}, {Pair(w.Stride)}, padding=({w.PadTop}, {w.PadLeft}), ceil_mode={Bool(p.CeilMode)}";
        return p.Kind == PoolKind.Max ? $"nn.MaxPool2d({common})" : $"nn.AvgPool2d({common}, count_include_pad={Bool(p.CountPadding)})";
    }

    private static string Convolution(Node node, int cin, int cout, int groups, bool bias)
    {
        var w = Window(node);
        string common = $"{cin}, {cout}, {Pair(w.Kernel)}, stride={Pair(w.Stride)}, dilation={Pair(w.Dilation)}, groups={groups}, bias={Bool(bias)}";
        return w.IsSymmetric
            ? $"nn.Conv2d({common}, padding=({w.PadTop}, {w.PadLeft}))"
            : $"PaddedConv2d({common}, pads={Pads(w)})";
    }

    private static ExportException Unsupported(Node node, string why) =>
        new($"{node.Name} ({node.Layer.KerasType}, input {string.Join(" + ", node.InputShapes)}): cannot export to PyTorch: {why}.");

    private static Window2D Window(Node node) => node.Window ?? throw Unsupported(node, "the layer has no resolved window");

    /// <summary>F.pad's order, last axis first: (left, right, top, bottom).</summary>
    private static string Pads(Window2D w) => $"({w.PadLeft}, {w.PadRight}, {w.PadTop}, {w.PadBottom})";

    private static string Pair(Size2 s) => $"({s.H}, {s.W})";

    private static string Bool(bool b) => b ? "True" : "False";

    private static string Number(double d) => d.ToString("R", CultureInfo.InvariantCulture) is var s && (s.Contains('.') || s.Contains('E')) ? s : s + ".0";

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


        _ROLES = ("depthwise.weight", "pointwise.weight", "running_mean", "running_var", "weight", "bias")


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
                attribute, role = key.split(".", 1)
                state[f"{LAYER_NAMES[attribute]}.{role}"] = value
            return state


        def save_fluentnets_weights(model, path, metadata=None):
            """Writes weights that fluentnets evaluate --weights loads."""
            save_safetensors(path, fluentnets_state_dict(model), metadata)


        def load_weights(model, path):
            """Loads a safetensors file named by attribute (weights.safetensors) or by FluentNets layer, strictly."""
            attributes = {layer: attribute for attribute, layer in LAYER_NAMES.items()}
            state = {}
            for key, value in load_safetensors(path).items():
                role = next((r for r in _ROLES if key.endswith("." + r)), None)
                layer = key[:-len(role) - 1] if role else None
                state[f"{attributes[layer]}.{role}" if layer in attributes else key] = value
            model.load_state_dict(state, strict=True)
            return model
        """";
}
