"""keras.applications MobileNet, MobileNetV2, MobileNetV3 and EfficientNet (V1 and V2) rebuilt in PyTorch
(float64) from Keras 3's own definitions, for checking FluentNets against a model written outside it.

The definitions follow keras/src/applications/{mobilenet,mobilenet_v2,mobilenet_v3,efficientnet,
efficientnet_v2}.py of Keras 3.16 (keras-team/keras 3422977a), layer for layer: the same layer names
(automatic ones too, numbered as a fresh Keras session numbers them: input_layer, rescaling, rescaling_1,
re_lu_3, ...), the same weights, and model.layers in the order Keras's map_graph gives (by depth from the
output, ties in depth-first order). Operations that are not layers (the `x + 3.0` and `* (1 / 6)` of
MobileNetV3's hard sigmoid are keras.ops Add and Multiply) take part in the naming and the ordering but
are not in model.layers, so they are not in the weight file either.

usage:
  keras_mobile.py counts [OUT_DIR]
      Every model and variant at its default size, with the top (1000 classes) and without it (no
      pooling): Total / Trainable / Non-trainable as model.summary() prints them. Prints a table, writes
      OUT_DIR/counts.json and asserts the published totals.
  keras_mobile.py torchvision
      Checks this rebuild against torchvision's own MobileNetV2, MobileNetV3 Small and Large, EfficientNet-B0
      and EfficientNetV2-S with the same weights at 33x33, where Keras's padding is symmetric like
      torchvision's (relative difference below 1e-10 asserted; ~20 s).
  keras_mobile.py OUT_DIR SPEC ...
      SPEC is NAME:SIZE[:notop[:avg|max]][:CLASSES], or "ci" / "full" for the sets in
      keras_mobile_sets.py. Writes, for each, OUT_DIR/NAME.h5 and OUT_DIR/NAME.json.

NAME is a zoo name (mobilenet, mobilenet-v2, mobilenet-v3-small, mobilenet-v3-large, efficientnet-b0
.. -b7, efficientnet-v2-b0 .. -b3, -s, -m, -l) followed by any of these options, each after a '-':
alpha<A> (width multiplier, e.g. alpha0.25), dm<D> (MobileNet's depth_multiplier), minimalistic
(MobileNetV3), noprep (MobileNetV3 include_preprocessing=False), noimagenet (EfficientNet built with
weights=None, which leaves out the Rescaling by 1 / sqrt(stddev) Keras adds after Normalization for the
ImageNet weights). Examples: mobilenet-alpha0.25:32:10, efficientnet-b0:64:notop:avg.

NAME.h5 holds random weights (He-normal kernels, small random biases, BatchNorm gamma in [0.5, 1.5] and
beta in [-0.2, 0.2], moving statistics drawn around the statistics of the fixture's input at that layer
(mean + U(-0.2, 0.2) std, variance * U(0.5, 1.5)) so that activations stay of order 1 through the deepest
residual stacks, Normalization mean in [0.4, 0.6] and variance in [0.2, 0.3]) in the legacy Keras HDF5 layout
(root attributes layer_names, backend, keras_version; a group per layer, in model.layers order, with
attribute weight_names "<layer>/<weight>:0" and a dataset per weight, in TensorFlow layouts: HWIO
kernels, (H, W, C, M) depthwise kernels, (in, out) Dense kernels). Normalization's count is an int64
scalar, as tf.keras wrote it; everything else is float32.

NAME.json holds input_shape (NCHW) and input (float32, flattened: 2 random images, in [0, 255] where the
preprocessing is inside the model, EfficientNet and MobileNetV3 with include_preprocessing, else in
[-1, 1]), output_shape and output (computed here in float64 from the float32 weights: softmax
probabilities with the top, pooled features, or the unpooled feature map in NCHW as output_layout
says), params {total, trainable, non_trainable}, layers (model.layers: name, class_name, weights as
[name, shape], inbound layer names and the settings that decide the computation) and operations
(model._operations, the order model.summary() prints, non-layer operations included), and float32_error: the
largest difference between this rebuild's own forward pass in float32 (PyTorch, the same float32 weights and input)
and the float64 output, relative to the output's largest magnitude. It says how much float32 rounding the fixture
amplifies, which at 48x48 is more than 1e-4 for the deep models (maps of 1x1 and 2x2 at the end, BatchNorm statistics
from two images), so a float32 implementation is held to that and a float64 one to the output itself.
"""
import collections
import json
import math
import os
import re
import sys
import time
import zlib

import h5py
import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

# Published model.summary() totals (alpha 1, include_top, 1000 classes, default size).
PUBLISHED_TOTALS = {
    "mobilenet": 4253864,
    "mobilenet-v2": 3538984,
    "efficientnet-b0": 5330571,
    "efficientnet-b1": 7856239,
    "efficientnet-b2": 9177569,
    "efficientnet-b3": 12320535,
    "efficientnet-b4": 19466823,
    "efficientnet-b5": 30562527,
    "efficientnet-b6": 43265143,
    "efficientnet-b7": 66658687,
}


# ---------------------------------------------------------------- the graph, as Keras's functional API builds it

class Weight:
    def __init__(self, name, shape, trainable, kind):
        self.name, self.shape, self.trainable, self.kind = name, tuple(shape), trainable, kind

    @property
    def size(self):
        return int(np.prod(self.shape)) if self.shape else 1


class Node:
    """One call of a Keras operation: a layer (in model.layers) or a keras.ops operation (not)."""

    def __init__(self, name, class_name, inputs, shape, run, weights=(), config=None, is_layer=True):
        self.name, self.class_name, self.inputs, self.shape = name, class_name, list(inputs), tuple(shape)
        self.run, self.weights, self.config, self.is_layer = run, list(weights), config or {}, is_layer


def to_snake_case(name):
    """keras/src/utils/naming.py: the prefix of an automatic layer name."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def same_pads(size, k, s):
    """TensorFlow's SAME padding along one axis: the odd row or column goes at the bottom or right."""
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


def correct_pad(shape, k):
    """keras.applications imagenet_utils.correct_pad (an unknown size counts as even)."""
    h, w = shape[0], shape[1]
    adjust = (1, 1) if h is None else (1 - h % 2, 1 - w % 2)
    return (k // 2 - adjust[0], k // 2), (k // 2 - adjust[1], k // 2)


ACTIVATIONS = {
    None: lambda x: x,
    "linear": lambda x: x,
    "relu": torch.relu,
    "sigmoid": torch.sigmoid,
    "swish": lambda x: x * torch.sigmoid(x),  # keras.activations.silu, tf.nn.silu
    "hard_swish": lambda x: x * (torch.clamp(x + 3.0, 0.0, 6.0) / 6.0),  # x * relu6(x + 3) / 6
    "softmax": lambda x: torch.softmax(x, dim=-1),
}


def nhwc(x):
    return x.permute(0, 2, 3, 1) if x.dim() == 4 else x


def nchw(x):
    return x.permute(0, 3, 1, 2) if x.dim() == 4 else x


def channel(v):
    """A per-channel vector broadcast over NCHW."""
    return v.reshape(1, -1, 1, 1)


class Builder:
    """Keras's functional API in miniature: layers named as Keras names them, shapes as (H, W, C) or (C,)."""

    def __init__(self):
        self.nodes = []
        self.uids = collections.defaultdict(int)

    def _name(self, class_name, name):
        if name is not None:
            return name
        prefix = to_snake_case(class_name)
        unique = f"{prefix}_{self.uids[prefix]}" if prefix in self.uids else prefix
        self.uids[prefix] += 1
        return unique

    def _add(self, class_name, inputs, shape, run, weights=(), config=None, name=None, is_layer=True):
        node = Node(self._name(class_name, name), class_name, inputs, shape, run, weights, config, is_layer)
        self.nodes.append(node)
        return node

    def input(self, h, w, c, name=None):
        return self._add("InputLayer", [], (h, w, c), None, name=name)

    def conv2d(self, x, filters, k, strides=1, padding="same", use_bias=True, activation=None, name=None):
        h, w, c = x.shape
        if padding == "same":
            pads = same_pads(h, k, strides) + same_pads(w, k, strides)
            oh, ow = -(-h // strides), -(-w // strides)
        else:
            pads = (0, 0, 0, 0)
            oh, ow = (h - k) // strides + 1, (w - k) // strides + 1
        weights = [Weight("kernel", (k, k, c, filters), True, "conv")]
        if use_bias:
            weights.append(Weight("bias", (filters,), True, "bias"))
        act = ACTIVATIONS[activation]

        def run(xs, p):
            top, bottom, left, right = pads
            y = F.pad(xs[0], (left, right, top, bottom))
            y = F.conv2d(y, p["kernel"].permute(3, 2, 0, 1), p.get("bias"), stride=strides)
            return act(y)

        config = {"filters": filters, "kernel_size": k, "strides": strides, "padding": padding,
                  "pads": [list(pads[:2]), list(pads[2:])], "use_bias": use_bias, "activation": activation or "linear"}
        return self._add("Conv2D", [x], (oh, ow, filters), run, weights, config, name)

    def depthwise(self, x, k, strides=1, padding="same", depth_multiplier=1, name=None):
        h, w, c = x.shape
        if padding == "same":
            pads = same_pads(h, k, strides) + same_pads(w, k, strides)
            oh, ow = -(-h // strides), -(-w // strides)
        else:
            pads = (0, 0, 0, 0)
            oh, ow = (h - k) // strides + 1, (w - k) // strides + 1
        m = depth_multiplier

        def run(xs, p):
            top, bottom, left, right = pads
            y = F.pad(xs[0], (left, right, top, bottom))
            # Output channel c * M + m is input channel c convolved with kernel[:, :, c, m].
            kernel = p["depthwise_kernel"].reshape(k, k, c * m).permute(2, 0, 1).unsqueeze(1)
            return F.conv2d(y, kernel, stride=strides, groups=c)

        config = {"kernel_size": k, "strides": strides, "padding": padding, "pads": [list(pads[:2]), list(pads[2:])],
                  "depth_multiplier": m, "use_bias": False}
        return self._add("DepthwiseConv2D", [x], (oh, ow, c * m), run,
                         [Weight("depthwise_kernel", (k, k, c, m), True, "depthwise")], config, name)

    def batch_norm(self, x, name, epsilon=1e-3, momentum=0.99):
        c = x.shape[-1]
        weights = [Weight("gamma", (c,), True, "gamma"), Weight("beta", (c,), True, "beta"),
                   Weight("moving_mean", (c,), False, "moving_mean"),
                   Weight("moving_variance", (c,), False, "moving_variance")]

        def run(xs, p):
            return ((xs[0] - channel(p["moving_mean"])) / torch.sqrt(channel(p["moving_variance"]) + epsilon)
                    * channel(p["gamma"]) + channel(p["beta"]))

        return self._add("BatchNormalization", [x], x.shape, run, weights,
                         {"epsilon": epsilon, "momentum": momentum, "axis": -1}, name)

    def relu(self, x, max_value=None, name=None):
        def run(xs, p):
            y = torch.relu(xs[0])
            return y if max_value is None else torch.clamp(y, max=max_value)

        return self._add("ReLU", [x], x.shape, run, config={"max_value": max_value}, name=name)

    def activation(self, x, activation, name=None):
        act = ACTIVATIONS[activation]
        return self._add("Activation", [x], x.shape, lambda xs, p: act(xs[0]), config={"activation": activation},
                         name=name)

    def zero_pad(self, x, pads, name):
        (top, bottom), (left, right) = pads
        h, w, c = x.shape
        return self._add("ZeroPadding2D", [x], (h + top + bottom, w + left + right, c),
                         lambda xs, p: F.pad(xs[0], (left, right, top, bottom)),
                         config={"padding": [[top, bottom], [left, right]]}, name=name)

    def global_pool(self, x, kind, keepdims=False, name=None):
        class_name = "GlobalAveragePooling2D" if kind == "avg" else "GlobalMaxPooling2D"

        def run(xs, p):
            y = xs[0].mean(dim=(2, 3), keepdim=True) if kind == "avg" else xs[0].amax(dim=(2, 3), keepdim=True)
            return y if keepdims else y.flatten(1)

        shape = (1, 1, x.shape[-1]) if keepdims else (x.shape[-1],)
        return self._add(class_name, [x], shape, run, config={"keepdims": keepdims}, name=name)

    def reshape(self, x, shape, name=None):
        def run(xs, p):
            return nchw(nhwc(xs[0]).reshape((xs[0].shape[0],) + tuple(shape)))

        return self._add("Reshape", [x], shape, run, config={"target_shape": list(shape)}, name=name)

    def flatten(self, x, name=None):
        return self._add("Flatten", [x], (int(np.prod(x.shape)),), lambda xs, p: nhwc(xs[0]).flatten(1), name=name)

    def dropout(self, x, rate, name=None):
        # Identity at inference.
        return self._add("Dropout", [x], x.shape, lambda xs, p: xs[0], config={"rate": rate}, name=name)

    def dense(self, x, units, activation=None, name=None):
        act = ACTIVATIONS[activation]
        weights = [Weight("kernel", (x.shape[-1], units), True, "dense"), Weight("bias", (units,), True, "bias")]
        return self._add("Dense", [x], (units,), lambda xs, p: act(xs[0] @ p["kernel"] + p["bias"]), weights,
                         {"units": units, "activation": activation or "linear"}, name)

    def rescaling(self, x, scale, offset=0.0, name=None):
        def run(xs, p):
            s = channel(torch.tensor(scale)) if isinstance(scale, list) else scale
            return xs[0] * s + offset

        return self._add("Rescaling", [x], x.shape, run, config={"scale": scale, "offset": offset}, name=name)

    def normalization(self, x, mean=None, variance=None, name=None):
        """keras.layers.Normalization(axis=-1): (x - mean) / max(sqrt(variance), 1e-7). Given mean and
        variance are constants of the layer; without them the layer has the weights mean, variance, count."""
        c = x.shape[-1]
        weights = [] if mean is not None else [
            Weight("mean", (c,), False, "norm_mean"), Weight("variance", (c,), False, "norm_variance"),
            Weight("count", (), False, "count")]

        def run(xs, p):
            m = torch.tensor(mean) if mean is not None else p["mean"]
            v = torch.tensor(variance) if variance is not None else p["variance"]
            return (xs[0] - channel(m)) / torch.clamp(torch.sqrt(channel(v)), min=1e-7)

        config = {"axis": -1} if mean is None else {"axis": -1, "mean": mean, "variance": variance}
        return self._add("Normalization", [x], x.shape, run, weights, config, name)

    def add(self, xs, name=None):
        return self._add("Add", xs, xs[0].shape, lambda v, p: v[0] + v[1], name=name)

    def multiply(self, xs, name=None):
        return self._add("Multiply", xs, xs[0].shape, lambda v, p: v[0] * v[1], name=name)

    def op_add(self, x, constant):
        """`x + constant` on a KerasTensor: a keras.ops Add operation, named from the same counter as layers."""
        return self._add("Add", [x], x.shape, lambda v, p: v[0] + constant, config={"constant": constant},
                         is_layer=False)

    def op_multiply(self, x, constant):
        return self._add("Multiply", [x], x.shape, lambda v, p: v[0] * constant, config={"constant": constant},
                         is_layer=False)


def operations_order(output):
    """keras/src/ops/function.py map_graph: operations by decreasing depth (longest path to the output),
    ties in the order a depth-first walk from the output first reaches them."""
    indices, finished, post_order = {}, set(), []

    def visit(node):
        if node in finished:
            return
        indices.setdefault(node, len(indices))
        for parent in node.inputs:
            visit(parent)
        finished.add(node)
        post_order.append(node)

    visit(output)
    depths = {}
    for node in reversed(post_order):
        depth = depths.setdefault(node, 0)
        for parent in node.inputs:
            depths[parent] = max(depth + 1, depths.get(parent, 0))
    return sorted(post_order, key=lambda n: (-depths[n], indices[n]))


class Model:
    def __init__(self, name, builder, output, preprocessing_inside):
        self.name, self.output, self.preprocessing_inside = name, output, preprocessing_inside
        self.nodes = builder.nodes
        self.operations = operations_order(output)
        self.layers = [n for n in self.operations if n.is_layer]
        names = [n.name for n in self.operations]
        assert len(names) == len(set(names)), f"{name}: duplicate operation names"
        assert set(self.operations) == set(self.nodes), f"{name}: a node does not reach the output"

    def params(self):
        trainable = sum(w.size for n in self.layers for w in n.weights if w.trainable)
        non_trainable = sum(w.size for n in self.layers for w in n.weights if not w.trainable)
        return {"total": trainable + non_trainable, "trainable": trainable, "non_trainable": non_trainable}

    def forward(self, x, arrays, rng=None, dtype=np.float64):
        """The model's output for x (NCHW). With rng, each BatchNormalization's moving statistics are first
        drawn around the statistics of its input here (written into arrays, which the layer then uses). With
        dtype np.float32 (and torch's default dtype float32), every value is kept in float32."""
        values = {}
        for node in self.nodes:  # creation order is a topological order
            if node.class_name == "InputLayer":
                values[node] = x
                continue
            if rng is not None and node.class_name == "BatchNormalization":
                calibrate(arrays[node.name], values[node.inputs[0]], rng)
            p = {w.name: torch.from_numpy(np.asarray(arrays[node.name][w.name], dtype=dtype))
                 for w in node.weights if w.kind != "count"}
            y = node.run([values[i] for i in node.inputs], p)
            assert y.dtype == x.dtype, f"{node.name}: computed {y.dtype} from {x.dtype}"
            expected = (x.shape[0],) + (node.shape if len(node.shape) == 1 else (node.shape[2],) + node.shape[:2])
            assert tuple(y.shape) == expected, f"{node.name}: computed {tuple(y.shape)}, wired {expected}"
            values[node] = y
        return values[self.output]


# ---------------------------------------------------------------- MobileNet (v1)

def mobilenet(size, include_top, pooling, classes, alpha=1.0, depth_multiplier=1):
    """keras/src/applications/mobilenet.py. BatchNormalization with Keras's defaults (epsilon 1e-3, momentum 0.99)."""
    b = Builder()
    x = b.input(size, size, 3)
    x = b.conv2d(x, int(32 * alpha), 3, strides=2, use_bias=False, name="conv1")
    x = b.batch_norm(x, "conv1_bn")
    x = b.relu(x, 6.0, name="conv1_relu")
    plan = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2)] + [(512, 1)] * 5 + [(1024, 2), (1024, 1)]
    for block_id, (filters, strides) in enumerate(plan, start=1):
        if strides != 1:
            x = b.zero_pad(x, ((0, 1), (0, 1)), f"conv_pad_{block_id}")
        x = b.depthwise(x, 3, strides, "same" if strides == 1 else "valid", depth_multiplier, f"conv_dw_{block_id}")
        x = b.batch_norm(x, f"conv_dw_{block_id}_bn")
        x = b.relu(x, 6.0, name=f"conv_dw_{block_id}_relu")
        x = b.conv2d(x, int(filters * alpha), 1, use_bias=False, name=f"conv_pw_{block_id}")
        x = b.batch_norm(x, f"conv_pw_{block_id}_bn")
        x = b.relu(x, 6.0, name=f"conv_pw_{block_id}_relu")
    if include_top:
        x = b.global_pool(x, "avg", keepdims=True)
        x = b.dropout(x, 1e-3, name="dropout")
        x = b.conv2d(x, classes, 1, name="conv_preds")
        x = b.reshape(x, (classes,), name="reshape_2")
        x = b.activation(x, "softmax", name="predictions")
    elif pooling:
        x = b.global_pool(x, pooling)
    return b, x


# ---------------------------------------------------------------- MobileNetV2

def make_divisible(v, divisor=8, min_value=None):
    """mobilenet_v2._make_divisible, mobilenet_v3._depth."""
    min_value = min_value or divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    return new_v + divisor if new_v < 0.9 * v else new_v


def mobilenet_v2(size, include_top, pooling, classes, alpha=1.0):
    """keras/src/applications/mobilenet_v2.py. BatchNormalization epsilon 1e-3, momentum 0.999."""
    b = Builder()

    def bn(x, name):
        return b.batch_norm(x, name, 1e-3, 0.999)

    x = b.input(size, size, 3)
    x = b.conv2d(x, make_divisible(32 * alpha, 8), 3, strides=2, use_bias=False, name="Conv1")
    x = bn(x, "bn_Conv1")
    x = b.relu(x, 6.0, name="Conv1_relu")
    plan = [(16, 1, 1), (24, 2, 6), (24, 1, 6), (32, 2, 6), (32, 1, 6), (32, 1, 6), (64, 2, 6), (64, 1, 6),
            (64, 1, 6), (64, 1, 6), (96, 1, 6), (96, 1, 6), (96, 1, 6), (160, 2, 6), (160, 1, 6), (160, 1, 6),
            (320, 1, 6)]
    for block_id, (filters, stride, expansion) in enumerate(plan):
        inputs, in_channels = x, x.shape[-1]
        pointwise_filters = make_divisible(int(filters * alpha), 8)
        prefix = f"block_{block_id}_"
        if block_id:
            x = b.conv2d(x, expansion * in_channels, 1, use_bias=False, name=f"{prefix}expand")
            x = bn(x, f"{prefix}expand_BN")
            x = b.relu(x, 6.0, name=f"{prefix}expand_relu")
        else:
            prefix = "expanded_conv_"
        if stride == 2:
            x = b.zero_pad(x, correct_pad(x.shape, 3), f"{prefix}pad")
        x = b.depthwise(x, 3, stride, "same" if stride == 1 else "valid", name=f"{prefix}depthwise")
        x = bn(x, f"{prefix}depthwise_BN")
        x = b.relu(x, 6.0, name=f"{prefix}depthwise_relu")
        x = b.conv2d(x, pointwise_filters, 1, use_bias=False, name=f"{prefix}project")
        x = bn(x, f"{prefix}project_BN")
        if in_channels == pointwise_filters and stride == 1:
            x = b.add([inputs, x], name=f"{prefix}add")
    x = b.conv2d(x, make_divisible(1280 * alpha, 8) if alpha > 1.0 else 1280, 1, use_bias=False, name="Conv_1")
    x = bn(x, "Conv_1_bn")
    x = b.relu(x, 6.0, name="out_relu")
    if include_top:
        x = b.global_pool(x, "avg")
        x = b.dense(x, classes, "softmax", name="predictions")
    elif pooling:
        x = b.global_pool(x, pooling)
    return b, x


# ---------------------------------------------------------------- MobileNetV3

V3_SMALL = [  # expansion, filters, kernel ("k" = the model's kernel), stride, se ("se" = the model's ratio), activation
    (1, 16, 3, 2, "se", "relu"), (72.0 / 16, 24, 3, 2, None, "relu"), (88.0 / 24, 24, 3, 1, None, "relu"),
    (4, 40, "k", 2, "se", "act"), (6, 40, "k", 1, "se", "act"), (6, 40, "k", 1, "se", "act"),
    (3, 48, "k", 1, "se", "act"), (3, 48, "k", 1, "se", "act"), (6, 96, "k", 2, "se", "act"),
    (6, 96, "k", 1, "se", "act"), (6, 96, "k", 1, "se", "act"),
]
V3_LARGE = [
    (1, 16, 3, 1, None, "relu"), (4, 24, 3, 2, None, "relu"), (3, 24, 3, 1, None, "relu"),
    (3, 40, "k", 2, "se", "relu"), (3, 40, "k", 1, "se", "relu"), (3, 40, "k", 1, "se", "relu"),
    (6, 80, 3, 2, None, "act"), (2.5, 80, 3, 1, None, "act"), (2.3, 80, 3, 1, None, "act"),
    (2.3, 80, 3, 1, None, "act"), (6, 112, 3, 1, "se", "act"), (6, 112, 3, 1, "se", "act"),
    (6, 160, "k", 2, "se", "act"), (6, 160, "k", 1, "se", "act"), (6, 160, "k", 1, "se", "act"),
]


def mobilenet_v3(size, include_top, pooling, classes, large, alpha=1.0, minimalistic=False,
                 include_preprocessing=True):
    """keras/src/applications/mobilenet_v3.py. BatchNormalization epsilon 1e-3, momentum 0.999."""
    b = Builder()

    def bn(x, name):
        return b.batch_norm(x, name, 1e-3, 0.999)

    def relu(x):  # mobilenet_v3.relu: an automatically named ReLU layer
        return b.relu(x)

    def hard_swish(x):  # mobilenet_v3.hard_swish: Activation("hard_swish"), automatically named
        return b.activation(x, "hard_swish")

    def hard_sigmoid(x):  # layers.ReLU(6.0)(x + 3.0) * (1.0 / 6.0): ReLU layer between two keras.ops
        relu6 = b._name("ReLU", None)  # the layer is made before its argument x + 3.0 is evaluated
        y = b.op_add(x, 3.0)
        y = b._add("ReLU", [y], y.shape, lambda v, p: torch.clamp(torch.relu(v[0]), max=6.0),
                   config={"max_value": 6.0}, name=relu6)
        return b.op_multiply(y, 1.0 / 6.0)

    if minimalistic:
        kernel, activation, se_ratio = 3, relu, None
    else:
        kernel, activation, se_ratio = 5, hard_swish, 0.25

    x = b.input(size, size, 3)
    if include_preprocessing:
        x = b.rescaling(x, 1.0 / 127.5, -1.0)
    x = b.conv2d(x, 16, 3, strides=2, use_bias=False, name="conv")
    x = bn(x, "conv_bn")
    x = activation(x)
    for block_id, (expansion, filters, k, stride, se, act) in enumerate(V3_LARGE if large else V3_SMALL):
        k = kernel if k == "k" else k
        se = se_ratio if se == "se" else None
        act = activation if act == "act" else relu
        filters = make_divisible(filters * alpha)
        shortcut, infilters = x, x.shape[-1]
        prefix = "expanded_conv_"
        if block_id:
            prefix = f"expanded_conv_{block_id}_"
            x = b.conv2d(x, make_divisible(infilters * expansion), 1, use_bias=False, name=f"{prefix}expand")
            x = bn(x, f"{prefix}expand_bn")
            x = act(x)
        if stride == 2:
            x = b.zero_pad(x, correct_pad(x.shape, k), f"{prefix}depthwise_pad")
        x = b.depthwise(x, k, stride, "same" if stride == 1 else "valid", name=f"{prefix}depthwise")
        x = bn(x, f"{prefix}depthwise_bn")
        x = act(x)
        if se:
            se_filters = make_divisible(infilters * expansion)
            s = b.global_pool(x, "avg", keepdims=True, name=f"{prefix}squeeze_excite_avg_pool")
            s = b.conv2d(s, make_divisible(se_filters * se), 1, name=f"{prefix}squeeze_excite_conv")
            s = b.relu(s, name=f"{prefix}squeeze_excite_relu")
            s = b.conv2d(s, se_filters, 1, name=f"{prefix}squeeze_excite_conv_1")
            s = hard_sigmoid(s)
            x = b.multiply([x, s], name=f"{prefix}squeeze_excite_mul")
        x = b.conv2d(x, filters, 1, use_bias=False, name=f"{prefix}project")
        x = bn(x, f"{prefix}project_bn")
        if stride == 1 and infilters == filters:
            x = b.add([shortcut, x], name=f"{prefix}add")
    last_conv_ch = make_divisible(x.shape[-1] * 6)
    last_point_ch = 1280 if large else 1024
    if alpha > 1.0:
        last_point_ch = make_divisible(last_point_ch * alpha)
    x = b.conv2d(x, last_conv_ch, 1, use_bias=False, name="conv_1")
    x = bn(x, "conv_1_bn")
    x = activation(x)
    if include_top:
        x = b.global_pool(x, "avg", keepdims=True)
        x = b.conv2d(x, last_point_ch, 1, use_bias=True, name="conv_2")
        x = activation(x)
        x = b.dropout(x, 0.2)
        x = b.conv2d(x, classes, 1, name="logits")
        x = b.flatten(x)
        x = b.activation(x, "softmax", name="predictions")
    elif pooling:
        x = b.global_pool(x, pooling, name=f"{pooling}_pool")
    return b, x


# ---------------------------------------------------------------- EfficientNet (B0..B7)

EFFICIENTNET = {  # width, depth, default size, dropout
    "b0": (1.0, 1.0, 224, 0.2), "b1": (1.0, 1.1, 240, 0.2), "b2": (1.1, 1.2, 260, 0.3), "b3": (1.2, 1.4, 300, 0.3),
    "b4": (1.4, 1.8, 380, 0.4), "b5": (1.6, 2.2, 456, 0.4), "b6": (1.8, 2.6, 528, 0.5), "b7": (2.0, 3.1, 600, 0.5),
}
EFFICIENTNET_BLOCKS = [  # kernel, repeats, filters_in, filters_out, expand_ratio, strides (id_skip True, se 0.25)
    (3, 1, 32, 16, 1, 1), (3, 2, 16, 24, 6, 2), (5, 2, 24, 40, 6, 2), (3, 3, 40, 80, 6, 2),
    (5, 3, 80, 112, 6, 1), (5, 4, 112, 192, 6, 2), (3, 1, 192, 320, 6, 1),
]
IMAGENET_STDDEV_RGB = [0.229, 0.224, 0.225]


def efficientnet(size, include_top, pooling, classes, variant, imagenet=True):
    """keras/src/applications/efficientnet.py. BatchNormalization with Keras's defaults (1e-3, 0.99)."""
    width, depth, _, dropout_rate = EFFICIENTNET[variant]
    drop_connect_rate, divisor = 0.2, 8

    def round_filters(filters):
        filters *= width
        new_filters = max(divisor, int(filters + divisor / 2) // divisor * divisor)
        return int(new_filters + divisor if new_filters < 0.9 * filters else new_filters)

    def round_repeats(repeats):
        return int(math.ceil(depth * repeats))

    b = Builder()
    x = b.input(size, size, 3)
    x = b.rescaling(x, 1.0 / 255.0)
    x = b.normalization(x)
    if imagenet:
        # The ImageNet weights hold the standard deviation where Normalization expects the variance.
        x = b.rescaling(x, [1.0 / math.sqrt(stddev) for stddev in IMAGENET_STDDEV_RGB])
    x = b.zero_pad(x, correct_pad(x.shape, 3), "stem_conv_pad")
    x = b.conv2d(x, round_filters(32), 3, strides=2, padding="valid", use_bias=False, name="stem_conv")
    x = b.batch_norm(x, "stem_bn")
    x = b.activation(x, "swish", name="stem_activation")
    blocks = float(sum(round_repeats(r) for _, r, *_ in EFFICIENTNET_BLOCKS))
    index = 0
    for i, (k, repeats, filters_in, filters_out, expand_ratio, strides) in enumerate(EFFICIENTNET_BLOCKS):
        filters_in, filters_out = round_filters(filters_in), round_filters(filters_out)
        for j in range(round_repeats(repeats)):
            if j > 0:
                strides, filters_in = 1, filters_out
            x = efficientnet_block(b, x, drop_connect_rate * index / blocks, f"block{i + 1}{chr(j + 97)}_",
                                   filters_in, filters_out, k, strides, expand_ratio, 0.25)
            index += 1
    x = b.conv2d(x, round_filters(1280), 1, use_bias=False, name="top_conv")
    x = b.batch_norm(x, "top_bn")
    x = b.activation(x, "swish", name="top_activation")
    if include_top:
        x = b.global_pool(x, "avg", name="avg_pool")
        if dropout_rate > 0:
            x = b.dropout(x, dropout_rate, name="top_dropout")
        x = b.dense(x, classes, "softmax", name="predictions")
    elif pooling:
        x = b.global_pool(x, pooling, name=f"{pooling}_pool")
    return b, x


def efficientnet_block(b, inputs, drop_rate, name, filters_in, filters_out, k, strides, expand_ratio, se_ratio):
    filters = filters_in * expand_ratio
    x = inputs
    if expand_ratio != 1:
        x = b.conv2d(x, filters, 1, use_bias=False, name=f"{name}expand_conv")
        x = b.batch_norm(x, f"{name}expand_bn")
        x = b.activation(x, "swish", name=f"{name}expand_activation")
    if strides == 2:
        x = b.zero_pad(x, correct_pad(x.shape, k), f"{name}dwconv_pad")
    x = b.depthwise(x, k, strides, "valid" if strides == 2 else "same", name=f"{name}dwconv")
    x = b.batch_norm(x, f"{name}bn")
    x = b.activation(x, "swish", name=f"{name}activation")
    if 0 < se_ratio <= 1:
        x = squeeze_excite(b, x, name, filters, max(1, int(filters_in * se_ratio)))
    x = b.conv2d(x, filters_out, 1, use_bias=False, name=f"{name}project_conv")
    x = b.batch_norm(x, f"{name}project_bn")
    if strides == 1 and filters_in == filters_out:
        if drop_rate > 0:
            x = b.dropout(x, drop_rate, name=f"{name}drop")
        x = b.add([x, inputs], name=f"{name}add")
    return x


def squeeze_excite(b, x, name, filters, filters_se):
    se = b.global_pool(x, "avg", name=f"{name}se_squeeze")
    se = b.reshape(se, (1, 1, filters), name=f"{name}se_reshape")
    se = b.conv2d(se, filters_se, 1, activation="swish", name=f"{name}se_reduce")
    se = b.conv2d(se, filters, 1, activation="sigmoid", name=f"{name}se_expand")
    return b.multiply([x, se], name=f"{name}se_excite")


# ---------------------------------------------------------------- EfficientNetV2

def _v2_blocks(rows):
    keys = ("kernel_size", "num_repeat", "input_filters", "output_filters", "expand_ratio", "se_ratio", "strides",
            "conv_type")
    return [dict(zip(keys, row)) for row in rows]


_V2_B = _v2_blocks([(3, 1, 32, 16, 1, 0, 1, 1), (3, 2, 16, 32, 4, 0, 2, 1), (3, 2, 32, 48, 4, 0, 2, 1),
                    (3, 3, 48, 96, 4, 0.25, 2, 0), (3, 5, 96, 112, 6, 0.25, 1, 0), (3, 8, 112, 192, 6, 0.25, 2, 0)])
EFFICIENTNET_V2_BLOCKS = {
    "s": _v2_blocks([(3, 2, 24, 24, 1, 0, 1, 1), (3, 4, 24, 48, 4, 0, 2, 1), (3, 4, 48, 64, 4, 0, 2, 1),
                     (3, 6, 64, 128, 4, 0.25, 2, 0), (3, 9, 128, 160, 6, 0.25, 1, 0),
                     (3, 15, 160, 256, 6, 0.25, 2, 0)]),
    "m": _v2_blocks([(3, 3, 24, 24, 1, 0, 1, 1), (3, 5, 24, 48, 4, 0, 2, 1), (3, 5, 48, 80, 4, 0, 2, 1),
                     (3, 7, 80, 160, 4, 0.25, 2, 0), (3, 14, 160, 176, 6, 0.25, 1, 0),
                     (3, 18, 176, 304, 6, 0.25, 2, 0), (3, 5, 304, 512, 6, 0.25, 1, 0)]),
    "l": _v2_blocks([(3, 4, 32, 32, 1, 0, 1, 1), (3, 7, 32, 64, 4, 0, 2, 1), (3, 7, 64, 96, 4, 0, 2, 1),
                     (3, 10, 96, 192, 4, 0.25, 2, 0), (3, 19, 192, 224, 6, 0.25, 1, 0),
                     (3, 25, 224, 384, 6, 0.25, 2, 0), (3, 7, 384, 640, 6, 0.25, 1, 0)]),
    "b0": _V2_B, "b1": _V2_B, "b2": _V2_B, "b3": _V2_B,
}
EFFICIENTNET_V2 = {  # width, depth, default size (dropout 0.2 for all)
    "b0": (1.0, 1.0, 224), "b1": (1.0, 1.1, 240), "b2": (1.1, 1.2, 260), "b3": (1.2, 1.4, 300),
    "s": (1.0, 1.0, 384), "m": (1.0, 1.0, 480), "l": (1.0, 1.0, 480),
}


def efficientnet_v2(size, include_top, pooling, classes, variant):
    """keras/src/applications/efficientnet_v2.py (include_preprocessing=True). BatchNormalization epsilon 1e-3
    (Keras's default), momentum 0.9; every convolution is padding="same", also at stride 2."""
    width, depth, _ = EFFICIENTNET_V2[variant]
    momentum, dropout_rate, drop_connect_rate = 0.9, 0.2, 0.2

    def round_filters(filters):  # min_depth 8, divisor 8, no 10% correction (unlike V1)
        return int(max(8, int(filters * width + 4) // 8 * 8))

    def bn(x, name):
        return b.batch_norm(x, name, 1e-3, momentum)

    b = Builder()
    x = b.input(size, size, 3)
    if variant.startswith("b"):
        # "Apply original V1 preprocessing for Bx variants": constants, so Normalization has no weights here.
        x = b.rescaling(x, 1.0 / 255)
        x = b.normalization(x, mean=[0.485, 0.456, 0.406], variance=[0.229 ** 2, 0.224 ** 2, 0.225 ** 2])
    else:
        x = b.rescaling(x, 1.0 / 128.0, -1)
    blocks_args = EFFICIENTNET_V2_BLOCKS[variant]
    x = b.conv2d(x, round_filters(blocks_args[0]["input_filters"]), 3, strides=2, use_bias=False, name="stem_conv")
    x = bn(x, "stem_bn")
    x = b.activation(x, "swish", name="stem_activation")
    blocks = float(sum(args["num_repeat"] for args in blocks_args))
    index = 0
    for i, args in enumerate(blocks_args):
        filters_in, filters_out = round_filters(args["input_filters"]), round_filters(args["output_filters"])
        strides = args["strides"]
        for j in range(int(math.ceil(depth * args["num_repeat"]))):
            if j > 0:
                strides, filters_in = 1, filters_out
            name = f"block{i + 1}{chr(j + 97)}_"
            survival = drop_connect_rate * index / blocks
            block = fused_mbconv_block if args["conv_type"] == 1 else mbconv_block
            x = block(b, bn, x, name, filters_in, filters_out, args["expand_ratio"], args["kernel_size"], strides,
                      args["se_ratio"], survival)
            index += 1
    x = b.conv2d(x, round_filters(1280), 1, use_bias=False, name="top_conv")
    x = bn(x, "top_bn")
    x = b.activation(x, "swish", name="top_activation")
    if include_top:
        x = b.global_pool(x, "avg", name="avg_pool")
        x = b.dropout(x, dropout_rate, name="top_dropout")
        x = b.dense(x, classes, "softmax", name="predictions")
    elif pooling:
        x = b.global_pool(x, pooling, name=f"{pooling}_pool")
    return b, x


def mbconv_block(b, bn, inputs, name, filters_in, filters_out, expand_ratio, k, strides, se_ratio, survival):
    filters = filters_in * expand_ratio
    x = inputs
    if expand_ratio != 1:
        x = b.conv2d(x, filters, 1, use_bias=False, name=f"{name}expand_conv")
        x = bn(x, f"{name}expand_bn")
        x = b.activation(x, "swish", name=f"{name}expand_activation")
    x = b.depthwise(x, k, strides, "same", name=f"{name}dwconv2")
    x = bn(x, f"{name}bn")
    x = b.activation(x, "swish", name=f"{name}activation")
    if 0 < se_ratio <= 1:
        x = squeeze_excite(b, x, name, filters, max(1, int(filters_in * se_ratio)))
    x = b.conv2d(x, filters_out, 1, use_bias=False, name=f"{name}project_conv")
    x = bn(x, f"{name}project_bn")
    return v2_residual(b, x, inputs, name, filters_in, filters_out, strides, survival)


def fused_mbconv_block(b, bn, inputs, name, filters_in, filters_out, expand_ratio, k, strides, se_ratio, survival):
    filters = filters_in * expand_ratio
    x = inputs
    if expand_ratio != 1:
        x = b.conv2d(x, filters, k, strides=strides, use_bias=False, name=f"{name}expand_conv")
        x = bn(x, f"{name}expand_bn")
        x = b.activation(x, "swish", name=f"{name}expand_activation")
    if 0 < se_ratio <= 1:
        x = squeeze_excite(b, x, name, filters, max(1, int(filters_in * se_ratio)))
    x = b.conv2d(x, filters_out, 1 if expand_ratio != 1 else k, strides=1 if expand_ratio != 1 else strides,
                 use_bias=False, name=f"{name}project_conv")
    x = bn(x, f"{name}project_bn")
    if expand_ratio == 1:
        x = b.activation(x, "swish", name=f"{name}project_activation")
    return v2_residual(b, x, inputs, name, filters_in, filters_out, strides, survival)


def v2_residual(b, x, inputs, name, filters_in, filters_out, strides, survival):
    if strides == 1 and filters_in == filters_out:
        if survival:  # 0 for the first block: no Dropout layer there
            x = b.dropout(x, survival, name=f"{name}drop")
        x = b.add([x, inputs], name=f"{name}add")
    return x


# ---------------------------------------------------------------- the zoo: names, options, default sizes

def parse_name(name):
    """Zoo name and options -> (family builder, keyword arguments, default size, preprocessing inside)."""
    bases = {"mobilenet": 224, "mobilenet-v2": 224, "mobilenet-v3-small": 224, "mobilenet-v3-large": 224}
    bases.update({f"efficientnet-{v}": EFFICIENTNET[v][2] for v in EFFICIENTNET})
    bases.update({f"efficientnet-v2-{v}": EFFICIENTNET_V2[v][2] for v in EFFICIENTNET_V2})
    base = max((b for b in bases if name == b or name.startswith(b + "-")), key=len, default=None)
    if base is None:
        raise SystemExit(f"{name}: unknown model; known: {', '.join(sorted(bases))}")
    options = name[len(base) + 1:].split("-") if name != base else []
    kwargs, imagenet, preprocessing = {}, True, True
    for option in options:
        if option.startswith("alpha") and not base.startswith("efficientnet"):
            kwargs["alpha"] = float(option[5:])
        elif option.startswith("dm") and base == "mobilenet":
            kwargs["depth_multiplier"] = int(option[2:])
        elif option == "minimalistic" and base.startswith("mobilenet-v3"):
            kwargs["minimalistic"] = True
        elif option == "noprep" and base.startswith("mobilenet-v3"):
            kwargs["include_preprocessing"] = preprocessing = False
        elif option == "noimagenet" and base in (f"efficientnet-{v}" for v in EFFICIENTNET):
            kwargs["imagenet"] = imagenet = False
        else:
            raise SystemExit(f"{name}: option {option!r} does not apply to {base}")
    if base == "mobilenet":
        build = mobilenet
    elif base == "mobilenet-v2":
        build = mobilenet_v2
    elif base.startswith("mobilenet-v3"):
        build, kwargs["large"] = mobilenet_v3, base.endswith("large")
    elif base.startswith("efficientnet-v2-"):
        build, kwargs["variant"] = efficientnet_v2, base[len("efficientnet-v2-"):]
    else:
        build, kwargs["variant"] = efficientnet, base[len("efficientnet-"):]
    inside = base.startswith("efficientnet") or (base.startswith("mobilenet-v3") and preprocessing)
    return base, build, kwargs, bases[base], inside


def make_model(name, size=None, include_top=True, pooling=None, classes=1000):
    base, build, kwargs, default_size, inside = parse_name(name)
    size = size or default_size
    if size < 32:
        raise SystemExit(f"{name}: input size {size} is below keras.applications' minimum of 32")
    b, output = build(size, include_top, pooling, classes, **kwargs)
    return Model(name, b, output, inside)


# ---------------------------------------------------------------- random weights, the weight file, the fixture

def random_weights(model, rng):
    arrays = {}
    for node in model.layers:
        values = {}
        for w in node.weights:
            if w.kind in ("conv", "dense"):
                a = rng.normal(0, math.sqrt(2.0 / int(np.prod(w.shape[:-1]))), w.shape)
            elif w.kind == "depthwise":
                a = rng.normal(0, math.sqrt(2.0 / (w.shape[0] * w.shape[1])), w.shape)
            elif w.kind == "bias":
                a = rng.uniform(-0.1, 0.1, w.shape)
            elif w.kind in ("gamma", "moving_variance"):
                a = rng.uniform(0.5, 1.5, w.shape)
            elif w.kind in ("beta", "moving_mean"):
                a = rng.uniform(-0.2, 0.2, w.shape)
            elif w.kind == "norm_mean":
                a = rng.uniform(0.4, 0.6, w.shape)
            elif w.kind == "norm_variance":
                a = rng.uniform(0.2, 0.3, w.shape)
            elif w.kind == "count":
                values[w.name] = np.array(int(rng.integers(1000, 100000)), dtype=np.int64)
                continue
            else:
                raise AssertionError(w.kind)
            values[w.name] = a.astype(np.float32)
        arrays[node.name] = values
    return arrays


def calibrate(bn, x, rng):
    """Moving statistics near x's own per-channel statistics: independent random statistics let the residual
    sums of EfficientNetV2 grow to ~1e3 and saturate its softmax to one-hot, which would check nothing."""
    mean = x.mean(dim=(0, 2, 3)).numpy()
    var = x.var(dim=(0, 2, 3), unbiased=False).numpy()
    var = var + 0.1 * var.mean() + 1e-4  # no channel of near-constant input is divided by ~0
    bn["moving_mean"] = (mean + rng.uniform(-0.2, 0.2, mean.shape) * np.sqrt(var)).astype(np.float32)
    bn["moving_variance"] = (var * rng.uniform(0.5, 1.5, var.shape)).astype(np.float32)


def save_legacy(path, model, arrays):
    """keras/src/legacy/saving/legacy_h5_format.py save_weights_to_hdf5_group, with tf.keras's weight names."""
    with h5py.File(path, "w") as f:
        f.attrs["layer_names"] = [n.name.encode("utf8") for n in model.layers]
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"2.15.0"
        for node in model.layers:
            g = f.create_group(node.name)
            names = [f"{node.name}/{w.name}:0" for w in node.weights]
            g.attrs["weight_names"] = [n.encode("utf8") for n in names]
            for w, n in zip(node.weights, names):
                a = arrays[node.name][w.name]
                assert a.shape == w.shape, f"{node.name}/{w.name}: {a.shape} is not {w.shape}"
                g.create_dataset(n, data=a)


def manifest(model):
    def entry(node):
        e = {"name": node.name, "class_name": node.class_name,
             "weights": [[w.name, list(w.shape)] for w in node.weights],
             "inbound": [i.name for i in node.inputs]}
        if node.config:
            e["config"] = node.config
        return e

    def operation(node):  # a keras.ops operation also says what it computes
        e = {"name": node.name, "class_name": node.class_name, "layer": node.is_layer}
        if not node.is_layer:
            e.update({"inbound": [i.name for i in node.inputs], "config": node.config})
        return e

    return [entry(n) for n in model.layers], [operation(n) for n in model.operations]


def write_fixture(out, spec):
    name, size, include_top, pooling, classes = parse_spec(spec)
    start = time.time()
    model = make_model(name, size, include_top, pooling, classes)
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    arrays = random_weights(model, rng)
    low, high = (0.0, 255.0) if model.preprocessing_inside else (-1.0, 1.0)
    x_nchw = rng.uniform(low, high, (2, 3, size, size)).astype(np.float32)
    with torch.no_grad():
        y = model.forward(torch.from_numpy(x_nchw.astype(np.float64)), arrays, rng)
    assert torch.isfinite(y).all(), f"{name}: output not finite"
    torch.set_default_dtype(torch.float32)
    try:
        with torch.no_grad():
            y32 = model.forward(torch.from_numpy(x_nchw), arrays, dtype=np.float32)
    finally:
        torch.set_default_dtype(torch.float64)
    float32_error = (y32.double() - y).abs().max().item() / y.abs().max().item()
    save_legacy(os.path.join(out, f"{name}.h5"), model, arrays)
    layers, operations = manifest(model)
    with open(os.path.join(out, f"{name}.json"), "w") as f:
        json.dump({"model": name, "input_size": size, "include_top": include_top, "pooling": pooling,
                   "classes": classes if include_top else None,
                   "input_shape": list(x_nchw.shape), "input": x_nchw.ravel().tolist(),
                   "output_shape": list(y.shape), "output_layout": "NCHW" if y.dim() == 4 else "NC",
                   "output": y.numpy().ravel().tolist(),
                   "params": model.params(), "layers": layers, "operations": operations,
                   "float32_error": float32_error}, f)
    return model, y, float32_error, time.time() - start


def parse_spec(spec):
    parts = spec.split(":")
    if len(parts) < 2 or not parts[1].isdigit():
        raise SystemExit(f"{spec}: expected NAME:SIZE[:notop[:avg|max]][:CLASSES]")
    name, size, rest = parts[0], int(parts[1]), parts[2:]
    include_top, pooling, classes = True, None, 1000
    if rest and rest[0] == "notop":
        include_top, rest = False, rest[1:]
        if rest and rest[0] in ("avg", "max"):
            pooling, rest = rest[0], rest[1:]
    if rest and rest[0].isdigit() and include_top:
        classes, rest = int(rest[0]), rest[1:]
    if rest:
        raise SystemExit(f"{spec}: unexpected {':'.join(rest)!r}; expected NAME:SIZE[:notop[:avg|max]][:CLASSES]")
    return name, size, include_top, pooling, classes


# ---------------------------------------------------------------- self-checks of the kernels' layouts

def check_kernels():
    """Conv2D and DepthwiseConv2D as F.conv2d computes them here, against Keras's definitions written out as
    sums over the TensorFlow-layout kernels (out[n, y, x, o] = sum x_pad[n, y*s+dy, x*s+dx, i] * K[dy, dx, i, o])."""
    rng = np.random.default_rng(3)
    for h, k, s, m in [(7, 3, 2, 1), (8, 5, 2, 2), (6, 3, 1, 1), (9, 1, 1, 1)]:
        b = Builder()
        x = b.input(h, h, 4)
        conv = b.conv2d(x, 5, k, strides=s)
        dw = b.depthwise(x, k, strides=s, depth_multiplier=m)
        xv = torch.from_numpy(rng.normal(size=(2, 4, h, h)))
        kernel, bias, dk = rng.normal(size=(k, k, 4, 5)), rng.normal(size=5), rng.normal(size=(k, k, 4, m))
        got = conv.run([xv], {"kernel": torch.from_numpy(kernel), "bias": torch.from_numpy(bias)})
        got_dw = dw.run([xv], {"depthwise_kernel": torch.from_numpy(dk)})
        top, bottom = same_pads(h, k, s)
        xp = np.pad(xv.numpy().transpose(0, 2, 3, 1), ((0, 0), (top, bottom), (top, bottom), (0, 0)))
        oh = -(-h // s)
        want = np.zeros((2, oh, oh, 5))
        want_dw = np.zeros((2, oh, oh, 4 * m))
        for i in range(oh):
            for j in range(oh):
                patch = xp[:, i * s:i * s + k, j * s:j * s + k, :]
                want[:, i, j] = np.einsum("nhwc,hwco->no", patch, kernel) + bias
                want_dw[:, i, j] = np.einsum("nhwc,hwcm->ncm", patch, dk).reshape(2, 4 * m)
        assert np.allclose(got.numpy().transpose(0, 2, 3, 1), want), (h, k, s)
        assert np.allclose(got_dw.numpy().transpose(0, 2, 3, 1), want_dw), (h, k, s, m)


# ---------------------------------------------------------------- cross-check against torchvision

def check_torchvision():
    """The same weights in torchvision's own MobileNetV2, MobileNetV3, EfficientNet-B0 and EfficientNetV2-S
    give the same output. torchvision pads symmetrically; Keras's SAME and correct_pad do too when every
    stride-2 layer sees an odd size, as at 33x33 (33, 17, 9, 5, 3). Keras's in-model preprocessing is applied
    to the input beforehand, and torchvision's BatchNorm epsilon is set to Keras's 1e-3."""
    import torchvision.models as tv

    def efficientnet_pre(model, arrays):
        norm = arrays["normalization"]
        scale = [1.0 / math.sqrt(s) for s in IMAGENET_STDDEV_RGB]
        return lambda x: (x / 255.0 - channel(torch.from_numpy(norm["mean"].astype(np.float64)))) / torch.sqrt(
            channel(torch.from_numpy(norm["variance"].astype(np.float64)))) * channel(torch.tensor(scale))

    cases = [("mobilenet-v2", tv.mobilenet_v2), ("mobilenet-v3-small", tv.mobilenet_v3_small),
             ("mobilenet-v3-large", tv.mobilenet_v3_large), ("efficientnet-b0", tv.efficientnet_b0),
             ("efficientnet-v2-s", tv.efficientnet_v2_s)]
    for name, constructor in cases:
        start = time.time()
        model = make_model(name, 33, True, None, 10)
        rng = np.random.default_rng(zlib.crc32(name.encode()) + 1)
        arrays = random_weights(model, rng)
        low, high = (0.0, 255.0) if model.preprocessing_inside else (-1.0, 1.0)
        x = torch.from_numpy(rng.uniform(low, high, (2, 3, 33, 33)).astype(np.float32).astype(np.float64))
        with torch.no_grad():
            want = model.forward(x, arrays, rng)
        if name.startswith("mobilenet-v3"):
            pre = lambda v: v / 127.5 - 1.0  # noqa: E731
        elif name == "efficientnet-v2-s":
            pre = lambda v: v / 128.0 - 1.0  # noqa: E731
        elif name == "efficientnet-b0":
            pre = efficientnet_pre(model, arrays)
        else:
            pre = lambda v: v  # noqa: E731
        net = constructor(num_classes=10).double().eval()
        targets = [(k, v) for k, v in net.state_dict().items() if not k.endswith("num_batches_tracked")]
        sources = []
        for node in model.nodes:
            if node.class_name == "Normalization":
                continue
            for w in node.weights:
                a = torch.from_numpy(arrays[node.name][w.name].astype(np.float64))
                if w.kind == "conv":
                    a = a.permute(3, 2, 0, 1)
                elif w.kind == "depthwise":
                    a = a.reshape(w.shape[0], w.shape[1], -1).permute(2, 0, 1).unsqueeze(1)
                elif w.kind == "dense":
                    a = a.t()
                sources.append((f"{node.name}/{w.name}", a))
        assert len(sources) == len(targets), f"{name}: {len(sources)} Keras weights, torchvision has {len(targets)}"
        state = {}
        for (source, a), (key, v) in zip(sources, targets):
            assert a.numel() == v.numel(), f"{name}: {source} {tuple(a.shape)} against {key} {tuple(v.shape)}"
            state[key] = a.reshape(v.shape)  # a 1x1 Conv2D of Keras is a Linear of torchvision
        net.load_state_dict(state, strict=False)
        for module in net.modules():
            if isinstance(module, torch.nn.BatchNorm2d):
                module.eps = 1e-3
        with torch.no_grad():
            got = torch.softmax(net(pre(x)), dim=-1)
        error = (got - want).abs().max().item() / want.abs().max().item()
        print(f"{name:20} against torchvision: {len(targets)} tensors, relative difference {error:.1e}, "
              f"{time.time() - start:.1f} s")
        assert error < 1e-10, f"{name}: differs from torchvision by {error}"


# ---------------------------------------------------------------- counts mode

def count_variants():
    names = [f"mobilenet-alpha{a}" if a != 1.0 else "mobilenet" for a in (0.25, 0.5, 0.75, 1.0)]
    names += ["mobilenet-dm2", "mobilenet-alpha0.5-dm2"]
    names += [f"mobilenet-v2-alpha{a}" if a != 1.0 else "mobilenet-v2" for a in (0.35, 0.5, 0.75, 1.0, 1.3, 1.4)]
    for kind in ("small", "large"):
        base = f"mobilenet-v3-{kind}"
        names += [base, f"{base}-alpha0.75", f"{base}-minimalistic", f"{base}-noprep", f"{base}-minimalistic-noprep"]
    names += [f"efficientnet-{v}" for v in EFFICIENTNET] + ["efficientnet-b0-noimagenet"]
    names += [f"efficientnet-v2-{v}" for v in EFFICIENTNET_V2]
    return names


def counts(out):
    results = {}
    print(f"{'model':38} {'size':>4} {'total':>12} {'trainable':>12} {'non-train':>10} | {'notop total':>12} "
          f"{'trainable':>12} {'non-train':>10} {'layers':>6}")
    for name in count_variants():
        top = make_model(name)
        notop = make_model(name, include_top=False)
        size = top.nodes[0].shape[0]
        p, q = top.params(), notop.params()
        results[name] = {"size": size, "include_top": p, "no_top": q, "layers": len(top.layers),
                         "layers_no_top": len(notop.layers)}
        print(f"{name:38} {size:>4} {p['total']:>12,} {p['trainable']:>12,} {p['non_trainable']:>10,} | "
              f"{q['total']:>12,} {q['trainable']:>12,} {q['non_trainable']:>10,} {len(top.layers):>6}")
    for name, total in PUBLISHED_TOTALS.items():
        assert results[name]["include_top"]["total"] == total, \
            f"{name}: {results[name]['include_top']['total']:,} parameters, Keras publishes {total:,}"
    print(f"published totals: {len(PUBLISHED_TOTALS)} of {len(PUBLISHED_TOTALS)} equal to the unit")
    with open(os.path.join(out, "counts.json"), "w") as f:
        json.dump(results, f, indent=1)


def main(argv):
    check_kernels()
    if argv and argv[0] == "torchvision":
        check_torchvision()
        return
    if argv and argv[0] == "counts":
        counts(argv[1] if len(argv) > 1 else ".")
        return
    if len(argv) < 2:
        raise SystemExit(__doc__)
    out, specs = argv[0], []
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
    for spec in argv[1:]:
        if spec in ("ci", "full"):
            import keras_mobile_sets
            specs += keras_mobile_sets.CI if spec == "ci" else keras_mobile_sets.FULL
        else:
            specs.append(spec)
    stems = [parse_spec(s)[0] for s in specs]
    duplicates = sorted({s for s in stems if stems.count(s) > 1})
    if duplicates:
        raise SystemExit(f"each NAME is written once to NAME.h5; repeated: {', '.join(duplicates)}")
    os.makedirs(out, exist_ok=True)
    total = time.time()
    for spec in specs:
        model, y, float32_error, seconds = write_fixture(out, spec)
        p = model.params()
        print(f"{spec:44} {len(model.layers):4} layers {p['total']:>11,} params  output {list(y.shape)}  "
              f"float32 off by {float32_error:.1e}  {seconds:6.2f} s", flush=True)
    print(f"{len(specs)} fixtures in {time.time() - total:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
