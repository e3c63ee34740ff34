"""keras.applications DenseNet, ResNetV2, InceptionResNetV2, NASNet and ConvNeXt, rebuilt in PyTorch (float64)
from Keras 3's own definitions (keras/src/applications/*.py, Keras 3.16), for fixtures that FluentNets must match.

Every model is written here the way its Keras source writes it, layer by layer and in the same order, so that
the automatic names Keras 3 gives in a fresh session (input_layer, zero_padding2d_1, conv2d_7,
batch_normalization_3, activation_12, custom_scale_layer_4, ...) come out the same, and model.layers is
ordered the way Keras's map_graph orders it (operations by decreasing depth, ties by first visit in the
depth-first walk from the output). The forward pass follows TensorFlow's semantics: SAME padding with the odd
row/column at the bottom/right, average pooling with SAME padding that does not count the padding, HWIO
kernels, Dense on the last axis, exact (erf) GELU, BatchNorm with the family's epsilon.

usage:
  keras_rest.py counts [OUT_DIR]
      Prints Total / Trainable / Non-trainable parameters as model.summary() counts them, for every model at
      its default size with include_top=True and 1000 classes, and with include_top=False; asserts the
      published totals; writes OUT_DIR/counts.json (OUT_DIR defaults to the current folder).
  keras_rest.py min
      Prints, per model, the smallest square input its layers survive, the smallest with the same layers as
      the default size, and the minimum Keras accepts.
  keras_rest.py torchvision
      Runs DenseNet-121 and ConvNeXt-Tiny with this script's weights through torchvision's model definitions
      and asserts the same output (float64), an outside check of the shared layers.
  keras_rest.py OUT_DIR NAME:SIZE[:notop[:avg|max]][:CLASSES] ...
      For each, random weights and the expected output (batch of 2):
      OUT_DIR/NAME.h5    legacy Keras HDF5 save_weights layout: root attributes layer_names, backend,
                         keras_version; a group per layer of model.layers (layers without weights too) with
                         attribute weight_names ("conv1_conv/kernel:0"; a nested Sequential lists its inner
                         layers' weights as "convnext_tiny_stem_conv/kernel:0") and a dataset per weight.
      OUT_DIR/NAME.json  input_shape (NCHW), input (float32 values, flattened), output_shape, output
                         (softmax probabilities with the top; pooled features, or the unpooled features in
                         NCHW like the input, without), params {total, trainable, non_trainable} for exactly
                         this configuration, and layers: [{name, class_name, weights: [[weight, shape]]}] in
                         model.layers order (a Sequential also lists its inner "layers").
      The input is uniform in [0, 255] for ConvNeXt (its Normalization is inside the model) and in [-1, 1]
      for the others. Examples: densenet121:32:10, convnext-tiny:32:notop:avg, nasnet-mobile:32:notop.

Weights: He-normal kernels (fan-in per group; a depthwise kernel's fan-in is its window), biases uniform in
+-0.1, gamma uniform in [0.5, 1.5], beta uniform in +-0.2, LayerScale uniform in [0.2, 1.0]. BatchNorm's
moving statistics follow random_bn in Interop/keras_files.py (mean uniform in +-0.2, variance uniform in
[0.5, 1.5]) scaled by the root mean square r of the layer's input on the fixture's own input (mean times r,
variance times r^2). Unscaled, the residual stacks grow by orders of magnitude (ResNet152V2's pooled features
reach 1e7 at 32x32, NASNetMobile's 3e3) and a softmax over them is one-hot; calibrated per channel to the
batch's mean and variance instead, float32 rounding grows past the output's own size (see BatchNormalization).
Each fixture's JSON records float32_relative_error: the same weights and input run in float32, largest
difference over largest magnitude (1e-6 or less on the CI set).

Models: densenet121/169/201, resnet50-v2/101-v2/152-v2, inception-resnet-v2, nasnet-mobile, nasnet-large,
convnext-tiny/small/base/large/xlarge. The CI and full sets are in keras_rest_sets.py.
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
sys.setrecursionlimit(100000)


# ---------------------------------------------------------------------------------------------------------
# A Keras functional graph: operations with one node each, Keras 3's automatic names and layer order.

def to_snake_case(name):
    """keras/src/utils/naming.py."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


class BuildError(ValueError):
    pass


class Weight:
    def __init__(self, name, shape, kind, trainable=True, fan_in=None):
        self.name, self.shape, self.kind, self.trainable, self.fan_in = name, tuple(shape), kind, trainable, fan_in
        self.array = None

    @property
    def size(self):
        return int(np.prod(self.shape, dtype=np.int64))


class Tensor:
    def __init__(self, op, shape):
        self.op, self.shape = op, tuple(shape)


class Op:
    """One Keras operation: a layer, or (layer=False) an op such as the `+` of two KerasTensors."""

    def __init__(self, cls, name, inputs, fn, weights, layer, inner):
        self.cls, self.name, self.inputs, self.fn = cls, name, inputs, fn
        self.weights, self.layer, self.inner = weights, layer, inner
        self.output = None

    def all_weights(self):
        """The layer's weights in the legacy h5 order (trainable, then non-trainable), with the h5 names."""
        if self.inner is None:
            own = [(w.name, w) for w in self.weights]
        else:
            own = [(f"{op.name}/{w.name}", w) for op in self.inner for w in op.weights]
        return [p for p in own if p[1].trainable] + [p for p in own if not p[1].trainable]


class Graph:
    def __init__(self):
        self.uids = collections.defaultdict(int)
        self.ops = []
        self.rng = None
        self.used = set()

    def auto_name(self, cls):
        prefix = to_snake_case(cls)
        n = self.uids[prefix]
        self.uids[prefix] += 1
        return prefix if n == 0 else f"{prefix}_{n}"

    def add(self, cls, name, inputs, shape, fn, weights=(), layer=True, inner=None):
        if any(d is not None and d < 1 for d in shape):
            raise BuildError(f"{cls} {name or ''}: output shape {shape} from {[t.shape for t in inputs]}")
        op = Op(cls, name if name is not None else self.auto_name(cls), inputs, fn, list(weights), layer, inner)
        op.output = Tensor(op, shape)
        self.ops.append(op)
        return op.output

    # --- the order of model.layers (keras/src/ops/function.py, map_graph and _build_map)

    def model_layers(self, output):
        indices, finished, ordered = {}, set(), []

        def visit(t):
            op = t.op
            if op in finished:
                return
            if op not in indices:
                indices[op] = len(indices)
            for i in op.inputs:
                visit(i)
            finished.add(op)
            ordered.append(op)

        visit(output)
        depths = {}
        for op in reversed(ordered):
            depth = depths.setdefault(op, 0)
            for parent in (t.op for t in op.inputs):
                depths[parent] = max(depth + 1, depths.get(parent, 0))
        operations = sorted(ordered, key=lambda op: (-depths[op], indices[op]))
        names = [op.name for op in operations]
        assert len(set(names)) == len(names), "duplicate names"
        return [op for op in operations if op.layer]

    # --- weights, made on first use in the forward pass

    def w(self, op, name):
        weight = next(w for w in op.weights if w.name == name)
        if weight.array is None:
            weight.array = random_weight(self.rng, weight)
        self.used.add(id(weight))
        assert weight.array.shape == weight.shape, (op.name, weight.name, weight.array.shape, weight.shape)
        return torch.from_numpy(np.asarray(weight.array, dtype=np.float32)).to(self.dtype)

    def run(self, x, output, dtype=torch.float64):
        """The forward pass; the first one (float64) also makes the weights."""
        self.dtype = dtype
        x = x.to(dtype)
        values = {}
        for op in self.ops:
            xs = [values[i.op] for i in op.inputs]
            values[op] = x if op.cls == "InputLayer" else op.fn(self, op, xs)
            assert tuple(values[op].shape[1:]) == nchw(op.output.shape), (op.name, values[op].shape, op.output.shape)
        return values[output.op]


def nchw(shape):
    return (shape[2], shape[0], shape[1]) if len(shape) == 3 else shape


def random_weight(rng, w):
    if w.kind == "kernel":
        return (rng.standard_normal(w.shape, dtype=np.float32) * np.float32(math.sqrt(2.0 / w.fan_in))).astype(np.float32)
    if w.kind == "bias":
        return rng.uniform(-0.1, 0.1, w.shape).astype(np.float32)
    if w.kind == "gamma":
        return rng.uniform(0.5, 1.5, w.shape).astype(np.float32)
    if w.kind == "beta":
        return rng.uniform(-0.2, 0.2, w.shape).astype(np.float32)
    if w.kind == "layer_scale":
        return rng.uniform(0.2, 1.0, w.shape).astype(np.float32)
    raise AssertionError(w.kind)


# ---------------------------------------------------------------------------------------------------------
# Keras layers: output shapes as Keras computes them, forward passes in NCHW with TensorFlow's semantics.

def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def out_size(n, k, s, padding):
    return -(-n // s) if padding == "same" else (n - k) // s + 1


def same_pads(n, k, s):
    total = max((-(-n // s) - 1) * s + k - n, 0)
    return total // 2, total - total // 2


def pad_same(x, k, s, value=0.0):
    top, bottom = same_pads(x.shape[2], k[0], s[0])
    left, right = same_pads(x.shape[3], k[1], s[1])
    return F.pad(x, (left, right, top, bottom), value=value)


def conv_nchw(x, kernel, bias, strides, padding, groups=1):
    """Keras Conv2D with a (kh, kw, cin / groups, cout) kernel."""
    if padding == "same":
        x = pad_same(x, kernel.shape[:2], strides)
    y = F.conv2d(x, kernel.permute(3, 2, 0, 1).contiguous(), stride=strides, groups=groups)
    return y if bias is None else y + bias[None, :, None, None]


def depthwise_nchw(x, kernel, strides, padding):
    """Keras depthwise kernel (kh, kw, c, m): output channel c * m + j is input c convolved with kernel[:, :, c, j]."""
    kh, kw, c, m = kernel.shape
    return conv_nchw(x, kernel.reshape(kh, kw, 1, c * m), None, strides, padding, groups=c)


def on_channels(x, f):
    """Applies f to the last axis of the NHWC view of an NCHW tensor (Dense, LayerNormalization on images)."""
    if x.dim() == 2:
        return f(x)
    return f(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)


def activate(x, kind):
    if kind in (None, "linear"):
        return x
    if kind == "relu":
        return torch.relu(x)
    if kind == "gelu":
        return 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0)))
    if kind == "softmax":
        return on_channels(x, lambda v: torch.softmax(v, dim=-1))
    raise AssertionError(kind)


class Keras(Graph):
    """The keras.layers the five families use, each creating one operation as the Keras call would."""

    def Input(self, shape):
        return self.add("InputLayer", None, [], shape, None)

    def Conv2D(self, x, filters, kernel_size, strides=1, padding="valid", use_bias=True, groups=1, name=None):
        (kh, kw), (sh, sw) = pair(kernel_size), pair(strides)
        h, w, c = x.shape
        fan_in = kh * kw * (c // groups)
        weights = [Weight("kernel", (kh, kw, c // groups, filters), "kernel", fan_in=fan_in)]
        if use_bias:
            weights.append(Weight("bias", (filters,), "bias"))

        def fn(g, op, xs):
            return conv_nchw(xs[0], g.w(op, "kernel"), g.w(op, "bias") if use_bias else None, (sh, sw), padding, groups)
        shape = (out_size(h, kh, sh, padding), out_size(w, kw, sw, padding), filters)
        return self.add("Conv2D", name, [x], shape, fn, weights)

    def SeparableConv2D(self, x, filters, kernel_size, strides=1, padding="valid", use_bias=True, name=None):
        (kh, kw), (sh, sw) = pair(kernel_size), pair(strides)
        h, w, c = x.shape
        weights = [Weight("depthwise_kernel", (kh, kw, c, 1), "kernel", fan_in=kh * kw),
                   Weight("pointwise_kernel", (1, 1, c, filters), "kernel", fan_in=c)]
        if use_bias:
            weights.append(Weight("bias", (filters,), "bias"))

        def fn(g, op, xs):
            y = depthwise_nchw(xs[0], g.w(op, "depthwise_kernel"), (sh, sw), padding)
            return conv_nchw(y, g.w(op, "pointwise_kernel"), g.w(op, "bias") if use_bias else None, (1, 1), "valid")
        shape = (out_size(h, kh, sh, padding), out_size(w, kw, sw, padding), filters)
        return self.add("SeparableConv2D", name, [x], shape, fn, weights)

    def BatchNormalization(self, x, epsilon=1e-3, scale=True, name=None):
        c = x.shape[-1]
        weights = ([Weight("gamma", (c,), "gamma")] if scale else []) + [
            Weight("beta", (c,), "beta"),
            Weight("moving_mean", (c,), "moving_mean", trainable=False),
            Weight("moving_variance", (c,), "moving_variance", trainable=False)]

        def fn(g, op, xs):
            x = xs[0]
            stats = {w.name: w for w in op.weights}
            if stats["moving_mean"].array is None:
                # Scaled to the root mean square of the whole input, so activations stay near 1 at any depth.
                # Neither the batch mean nor a channel's own scale: on 1x1 maps over a batch of 2, deep in a
                # random network, subtracting the mean cancels most of each value, and a channel whose two
                # values happen to be near 0 carries the rounding error of its much larger inputs. Normalised
                # either way, a float32 run of ResNet50V2 or DenseNet-121 at 32x32 ended 0.1 to 3 times the
                # output's largest value away from float64.
                rms = x.pow(2).mean().sqrt().item()
                stats["moving_mean"].array = (rms * g.rng.uniform(-0.2, 0.2, c)).astype(np.float32)
                stats["moving_variance"].array = (rms ** 2 * g.rng.uniform(0.5, 1.5, c)).astype(np.float32)
            gamma = g.w(op, "gamma") if scale else torch.ones(c, dtype=x.dtype)
            beta, mean, var = g.w(op, "beta"), g.w(op, "moving_mean"), g.w(op, "moving_variance")
            inv = gamma / torch.sqrt(var + epsilon)
            return x * inv[None, :, None, None] + (beta - mean * inv)[None, :, None, None]
        return self.add("BatchNormalization", name, [x], x.shape, fn, weights)

    def LayerNormalization(self, x, epsilon, name=None):
        c = x.shape[-1]
        weights = [Weight("gamma", (c,), "gamma"), Weight("beta", (c,), "beta")]

        def fn(g, op, xs):
            gamma, beta = g.w(op, "gamma"), g.w(op, "beta")

            def norm(v):
                mean = v.mean(dim=-1, keepdim=True)
                var = ((v - mean) ** 2).mean(dim=-1, keepdim=True)
                return (v - mean) / torch.sqrt(var + epsilon) * gamma + beta
            return on_channels(xs[0], norm)
        return self.add("LayerNormalization", name, [x], x.shape, fn, weights)

    def Normalization(self, x, mean, variance, name=None):
        """Fixed mean and variance: constants, not weights (Normalization.build adds weights only to adapt)."""
        m = np.asarray(mean, dtype=np.float32).astype(np.float64)
        d = np.maximum(np.sqrt(np.asarray(variance, dtype=np.float32)), np.float32(1e-7)).astype(np.float64)

        def fn(g, op, xs):
            x = xs[0]
            mean, std = torch.from_numpy(m).to(x.dtype), torch.from_numpy(d).to(x.dtype)
            return (x - mean[None, :, None, None]) / std[None, :, None, None]
        return self.add("Normalization", name, [x], x.shape, fn)

    def LayerScale(self, x, projection_dim, name=None):
        """ConvNeXt's LayerScale, x * gamma: its add_weight passes no name, so Keras 3 names the weight
        variable, variable_1, ... in the order the layers are built."""
        weights = [Weight(self.auto_name("Variable"), (projection_dim,), "layer_scale")]
        return self.add("LayerScale", name, [x], x.shape,
                        lambda g, op, xs: on_channels(xs[0], lambda v: v * g.w(op, weights[0].name)), weights)

    def Dense(self, x, units, activation=None, name=None):
        c = x.shape[-1]
        weights = [Weight("kernel", (c, units), "kernel", fan_in=c), Weight("bias", (units,), "bias")]

        def fn(g, op, xs):
            kernel, bias = g.w(op, "kernel"), g.w(op, "bias")
            return activate(on_channels(xs[0], lambda v: v @ kernel + bias), activation)
        return self.add("Dense", name, [x], x.shape[:-1] + (units,), fn, weights)

    def Activation(self, x, activation, name=None):
        return self.add("Activation", name, [x], x.shape, lambda g, op, xs: activate(xs[0], activation))

    def ZeroPadding2D(self, x, padding, name=None):
        (top, bottom), (left, right) = padding
        h, w, c = x.shape
        return self.add("ZeroPadding2D", name, [x], (h + top + bottom, w + left + right, c),
                        lambda g, op, xs: F.pad(xs[0], (left, right, top, bottom)))

    def Cropping2D(self, x, cropping, name=None):
        (top, bottom), (left, right) = cropping
        h, w, c = x.shape
        return self.add("Cropping2D", name, [x], (h - top - bottom, w - left - right, c),
                        lambda g, op, xs: xs[0][:, :, top:xs[0].shape[2] - bottom, left:xs[0].shape[3] - right])

    def _pool(self, cls, x, pool_size, strides, padding, name, mode):
        k = pair(pool_size)
        s = pair(strides if strides is not None else pool_size)
        h, w, c = x.shape

        def fn(g, op, xs):
            x = xs[0]
            if mode == "max":
                if padding == "same":
                    x = pad_same(x, k, s, value=-math.inf)
                return F.max_pool2d(x, k, s)
            if padding == "valid":
                return F.avg_pool2d(x, k, s)
            # TensorFlow's SAME average divides by the number of real (unpadded) values in the window.
            total = F.avg_pool2d(pad_same(x, k, s), k, s, divisor_override=1)
            count = F.avg_pool2d(pad_same(torch.ones_like(x[:1, :1]), k, s), k, s, divisor_override=1)
            return total / count
        return self.add(cls, name, [x], (out_size(h, k[0], s[0], padding), out_size(w, k[1], s[1], padding), c), fn)

    def MaxPooling2D(self, x, pool_size, strides=None, padding="valid", name=None):
        return self._pool("MaxPooling2D", x, pool_size, strides, padding, name, "max")

    def AveragePooling2D(self, x, pool_size, strides=None, padding="valid", name=None):
        return self._pool("AveragePooling2D", x, pool_size, strides, padding, name, "avg")

    def GlobalAveragePooling2D(self, x, name=None):
        return self.add("GlobalAveragePooling2D", name, [x], x.shape[-1:], lambda g, op, xs: xs[0].mean(dim=(2, 3)))

    def GlobalMaxPooling2D(self, x, name=None):
        return self.add("GlobalMaxPooling2D", name, [x], x.shape[-1:], lambda g, op, xs: xs[0].amax(dim=(2, 3)))

    def Concatenate(self, xs, name=None):
        if len({x.shape[:-1] for x in xs}) != 1:
            raise BuildError(f"Concatenate {name}: {[x.shape for x in xs]}")
        shape = xs[0].shape[:-1] + (sum(x.shape[-1] for x in xs),)
        return self.add("Concatenate", name, xs, shape, lambda g, op, vs: torch.cat(vs, dim=1))

    def Add(self, xs, name=None):
        if len({x.shape for x in xs}) != 1:
            raise BuildError(f"Add {name}: {[x.shape for x in xs]}")
        return self.add("Add", name, xs, xs[0].shape, lambda g, op, vs: sum(vs[1:], vs[0]))

    def plus(self, a, b):
        """KerasTensor.__add__: ops.Add, an operation in the graph but not a layer (it takes an "add" name)."""
        assert a.shape == b.shape
        return self.add("Add", None, [a, b], a.shape, lambda g, op, vs: vs[0] + vs[1], layer=False)

    def CustomScaleLayer(self, xs, scale, name=None):
        """inception_resnet_v2.CustomScaleLayer: inputs[0] + inputs[1] * scale."""
        assert xs[0].shape == xs[1].shape
        return self.add("CustomScaleLayer", name, xs, xs[0].shape, lambda g, op, vs: vs[0] + vs[1] * scale)

    def Sequential(self, x, build, name):
        """A Sequential of explicitly named layers called as one layer; its weights are its layers'."""
        start = len(self.ops)
        y = build(Tensor(None, x.shape))
        inner = self.ops[start:]
        del self.ops[start:]

        def fn(g, op, xs):
            v = xs[0]
            for layer in inner:
                v = layer.fn(g, layer, [v])
            return v
        return self.add("Sequential", name, [x], y.shape, fn, inner=inner)


# ---------------------------------------------------------------------------------------------------------
# The models, as keras/src/applications writes them.

def head(k, x, include_top, pooling, classes, avg_name=None, max_name=None):
    """The top most families share: GlobalAveragePooling2D and a softmax Dense, or the optional pooling."""
    if include_top:
        x = k.GlobalAveragePooling2D(x, name=avg_name)
        return k.Dense(x, classes, activation="softmax", name="predictions")
    if pooling == "avg":
        return k.GlobalAveragePooling2D(x, name=avg_name)
    if pooling == "max":
        return k.GlobalMaxPooling2D(x, name=max_name)
    return x


def densenet(blocks):
    """keras/src/applications/densenet.py."""
    def build(k, size, include_top, pooling, classes):
        eps = 1.001e-5

        def conv_block(x, growth_rate, name):
            x1 = k.BatchNormalization(x, epsilon=eps, name=f"{name}_0_bn")
            x1 = k.Activation(x1, "relu", name=f"{name}_0_relu")
            x1 = k.Conv2D(x1, 4 * growth_rate, 1, use_bias=False, name=f"{name}_1_conv")
            x1 = k.BatchNormalization(x1, epsilon=eps, name=f"{name}_1_bn")
            x1 = k.Activation(x1, "relu", name=f"{name}_1_relu")
            x1 = k.Conv2D(x1, growth_rate, 3, padding="same", use_bias=False, name=f"{name}_2_conv")
            return k.Concatenate([x, x1], name=f"{name}_concat")

        def dense_block(x, n, name):
            for i in range(n):
                x = conv_block(x, 32, name=f"{name}_block{i + 1}")
            return x

        def transition_block(x, reduction, name):
            x = k.BatchNormalization(x, epsilon=eps, name=f"{name}_bn")
            x = k.Activation(x, "relu", name=f"{name}_relu")
            x = k.Conv2D(x, int(x.shape[-1] * reduction), 1, use_bias=False, name=f"{name}_conv")
            return k.AveragePooling2D(x, 2, strides=2, name=f"{name}_pool")

        img = k.Input((size, size, 3))
        x = k.ZeroPadding2D(img, ((3, 3), (3, 3)))
        x = k.Conv2D(x, 64, 7, strides=2, use_bias=False, name="conv1_conv")
        x = k.BatchNormalization(x, epsilon=eps, name="conv1_bn")
        x = k.Activation(x, "relu", name="conv1_relu")
        x = k.ZeroPadding2D(x, ((1, 1), (1, 1)))
        x = k.MaxPooling2D(x, 3, strides=2, name="pool1")
        x = dense_block(x, blocks[0], name="conv2")
        x = transition_block(x, 0.5, name="pool2")
        x = dense_block(x, blocks[1], name="conv3")
        x = transition_block(x, 0.5, name="pool3")
        x = dense_block(x, blocks[2], name="conv4")
        x = transition_block(x, 0.5, name="pool4")
        x = dense_block(x, blocks[3], name="conv5")
        x = k.BatchNormalization(x, epsilon=eps, name="bn")
        x = k.Activation(x, "relu", name="relu")
        return head(k, x, include_top, pooling, classes, avg_name="avg_pool", max_name="max_pool")
    return build


def resnet_v2(blocks):
    """keras/src/applications/resnet.py (ResNet with preact=True, use_bias=True) and resnet_v2.py."""
    def build(k, size, include_top, pooling, classes):
        eps = 1.001e-5

        def block(x, filters, stride=1, conv_shortcut=False, name=None):
            preact = k.BatchNormalization(x, epsilon=eps, name=f"{name}_preact_bn")
            preact = k.Activation(preact, "relu", name=f"{name}_preact_relu")
            if conv_shortcut:
                shortcut = k.Conv2D(preact, 4 * filters, 1, strides=stride, name=f"{name}_0_conv")
            else:
                shortcut = k.MaxPooling2D(x, 1, strides=stride) if stride > 1 else x
            x = k.Conv2D(preact, filters, 1, strides=1, use_bias=False, name=f"{name}_1_conv")
            x = k.BatchNormalization(x, epsilon=eps, name=f"{name}_1_bn")
            x = k.Activation(x, "relu", name=f"{name}_1_relu")
            x = k.ZeroPadding2D(x, ((1, 1), (1, 1)), name=f"{name}_2_pad")
            x = k.Conv2D(x, filters, 3, strides=stride, use_bias=False, name=f"{name}_2_conv")
            x = k.BatchNormalization(x, epsilon=eps, name=f"{name}_2_bn")
            x = k.Activation(x, "relu", name=f"{name}_2_relu")
            x = k.Conv2D(x, 4 * filters, 1, name=f"{name}_3_conv")
            return k.Add([shortcut, x], name=f"{name}_out")

        def stack(x, filters, n, stride1=2, name=None):
            x = block(x, filters, conv_shortcut=True, name=f"{name}_block1")
            for i in range(2, n):
                x = block(x, filters, name=f"{name}_block{i}")
            return block(x, filters, stride=stride1, name=f"{name}_block{n}")

        img = k.Input((size, size, 3))
        x = k.ZeroPadding2D(img, ((3, 3), (3, 3)), name="conv1_pad")
        x = k.Conv2D(x, 64, 7, strides=2, use_bias=True, name="conv1_conv")
        x = k.ZeroPadding2D(x, ((1, 1), (1, 1)), name="pool1_pad")
        x = k.MaxPooling2D(x, 3, strides=2, name="pool1_pool")
        x = stack(x, 64, blocks[0], name="conv2")
        x = stack(x, 128, blocks[1], name="conv3")
        x = stack(x, 256, blocks[2], name="conv4")
        x = stack(x, 512, blocks[3], stride1=1, name="conv5")
        x = k.BatchNormalization(x, epsilon=eps, name="post_bn")
        x = k.Activation(x, "relu", name="post_relu")
        return head(k, x, include_top, pooling, classes, avg_name="avg_pool", max_name="max_pool")
    return build


def inception_resnet_v2(k, size, include_top, pooling, classes):
    """keras/src/applications/inception_resnet_v2.py."""
    def conv2d_bn(x, filters, kernel_size, strides=1, padding="same", activation="relu", use_bias=False, name=None):
        x = k.Conv2D(x, filters, kernel_size, strides=strides, padding=padding, use_bias=use_bias, name=name)
        if not use_bias:
            x = k.BatchNormalization(x, scale=False, name=None if name is None else f"{name}_bn")
        if activation is not None:
            x = k.Activation(x, activation, name=None if name is None else f"{name}_ac")
        return x

    def block(x, scale, block_type, block_idx, activation="relu"):
        if block_type == "block35":
            b0 = conv2d_bn(x, 32, 1)
            b1 = conv2d_bn(conv2d_bn(x, 32, 1), 32, 3)
            b2 = conv2d_bn(conv2d_bn(conv2d_bn(x, 32, 1), 48, 3), 64, 3)
            branches = [b0, b1, b2]
        elif block_type == "block17":
            b0 = conv2d_bn(x, 192, 1)
            b1 = conv2d_bn(conv2d_bn(conv2d_bn(x, 128, 1), 160, [1, 7]), 192, [7, 1])
            branches = [b0, b1]
        else:
            b0 = conv2d_bn(x, 192, 1)
            b1 = conv2d_bn(conv2d_bn(conv2d_bn(x, 192, 1), 224, [1, 3]), 256, [3, 1])
            branches = [b0, b1]
        name = f"{block_type}_{block_idx}"
        mixed = k.Concatenate(branches, name=f"{name}_mixed")
        up = conv2d_bn(mixed, x.shape[-1], 1, activation=None, use_bias=True, name=f"{name}_conv")
        x = k.CustomScaleLayer([x, up], scale)
        if activation is not None:
            x = k.Activation(x, activation, name=f"{name}_ac")
        return x

    img = k.Input((size, size, 3))
    x = conv2d_bn(img, 32, 3, strides=2, padding="valid")
    x = conv2d_bn(x, 32, 3, padding="valid")
    x = conv2d_bn(x, 64, 3)
    x = k.MaxPooling2D(x, 3, strides=2)
    x = conv2d_bn(x, 80, 1, padding="valid")
    x = conv2d_bn(x, 192, 3, padding="valid")
    x = k.MaxPooling2D(x, 3, strides=2)
    b0 = conv2d_bn(x, 96, 1)
    b1 = conv2d_bn(conv2d_bn(x, 48, 1), 64, 5)
    b2 = conv2d_bn(conv2d_bn(conv2d_bn(x, 64, 1), 96, 3), 96, 3)
    bp = conv2d_bn(k.AveragePooling2D(x, 3, strides=1, padding="same"), 64, 1)
    x = k.Concatenate([b0, b1, b2, bp], name="mixed_5b")
    for i in range(1, 11):
        x = block(x, 0.17, "block35", i)
    b0 = conv2d_bn(x, 384, 3, strides=2, padding="valid")
    b1 = conv2d_bn(conv2d_bn(conv2d_bn(x, 256, 1), 256, 3), 384, 3, strides=2, padding="valid")
    bp = k.MaxPooling2D(x, 3, strides=2, padding="valid")
    x = k.Concatenate([b0, b1, bp], name="mixed_6a")
    for i in range(1, 21):
        x = block(x, 0.1, "block17", i)
    b0 = conv2d_bn(conv2d_bn(x, 256, 1), 384, 3, strides=2, padding="valid")
    b1 = conv2d_bn(conv2d_bn(x, 256, 1), 288, 3, strides=2, padding="valid")
    b2 = conv2d_bn(conv2d_bn(conv2d_bn(x, 256, 1), 288, 3), 320, 3, strides=2, padding="valid")
    bp = k.MaxPooling2D(x, 3, strides=2, padding="valid")
    x = k.Concatenate([b0, b1, b2, bp], name="mixed_7a")
    for i in range(1, 10):
        x = block(x, 0.2, "block8", i)
    x = block(x, 1.0, "block8", 10, activation=None)
    x = conv2d_bn(x, 1536, 1, name="conv_7b")
    return head(k, x, include_top, pooling, classes, avg_name="avg_pool" if include_top else None)


def correct_pad(x, kernel_size):
    """imagenet_utils.correct_pad."""
    kh, kw = pair(kernel_size)
    h, w = x.shape[0], x.shape[1]
    adjust = (1 - h % 2, 1 - w % 2)
    return ((kh // 2 - adjust[0], kh // 2), (kw // 2 - adjust[1], kw // 2))


def nasnet(penultimate_filters, num_blocks, stem_block_filters, skip_reduction, filter_multiplier=2):
    """keras/src/applications/nasnet.py."""
    def build(k, size, include_top, pooling, classes):
        def bn(x, name):
            return k.BatchNormalization(x, epsilon=1e-3, name=name)

        def separable_conv_block(ip, filters, kernel_size=(3, 3), strides=(1, 1), block_id=None):
            x = k.Activation(ip, "relu")
            if strides == (2, 2):
                x = k.ZeroPadding2D(x, correct_pad(x, kernel_size), name=f"separable_conv_1_pad_{block_id}")
                conv_pad = "valid"
            else:
                conv_pad = "same"
            x = k.SeparableConv2D(x, filters, kernel_size, strides=strides, name=f"separable_conv_1_{block_id}",
                                  padding=conv_pad, use_bias=False)
            x = bn(x, f"separable_conv_1_bn_{block_id}")
            x = k.Activation(x, "relu")
            x = k.SeparableConv2D(x, filters, kernel_size, name=f"separable_conv_2_{block_id}", padding="same",
                                  use_bias=False)
            return bn(x, f"separable_conv_2_bn_{block_id}")

        def adjust_block(p, ip, filters, block_id=None):
            if p is None:
                p = ip
            elif p.shape[-2] != ip.shape[-2]:
                p = k.Activation(p, "relu", name=f"adjust_relu_1_{block_id}")
                p1 = k.AveragePooling2D(p, (1, 1), strides=(2, 2), padding="valid", name=f"adjust_avg_pool_1_{block_id}")
                p1 = k.Conv2D(p1, filters // 2, (1, 1), padding="same", use_bias=False, name=f"adjust_conv_1_{block_id}")
                p2 = k.ZeroPadding2D(p, ((0, 1), (0, 1)))
                p2 = k.Cropping2D(p2, ((1, 0), (1, 0)))
                p2 = k.AveragePooling2D(p2, (1, 1), strides=(2, 2), padding="valid", name=f"adjust_avg_pool_2_{block_id}")
                p2 = k.Conv2D(p2, filters // 2, (1, 1), padding="same", use_bias=False, name=f"adjust_conv_2_{block_id}")
                p = k.Concatenate([p1, p2])
                p = bn(p, f"adjust_bn_{block_id}")
            elif p.shape[-1] != filters:
                p = k.Activation(p, "relu")
                p = k.Conv2D(p, filters, (1, 1), strides=(1, 1), padding="same", name=f"adjust_conv_projection_{block_id}",
                             use_bias=False)
                p = bn(p, f"adjust_bn_{block_id}")
            return p

        def normal_a_cell(ip, p, filters, block_id=None):
            p = adjust_block(p, ip, filters, block_id)
            h = k.Activation(ip, "relu")
            h = k.Conv2D(h, filters, (1, 1), strides=(1, 1), padding="same", name=f"normal_conv_1_{block_id}",
                         use_bias=False)
            h = bn(h, f"normal_bn_1_{block_id}")
            x1_1 = separable_conv_block(h, filters, kernel_size=(5, 5), block_id=f"normal_left1_{block_id}")
            x1_2 = separable_conv_block(p, filters, block_id=f"normal_right1_{block_id}")
            x1 = k.Add([x1_1, x1_2], name=f"normal_add_1_{block_id}")
            x2_1 = separable_conv_block(p, filters, (5, 5), block_id=f"normal_left2_{block_id}")
            x2_2 = separable_conv_block(p, filters, (3, 3), block_id=f"normal_right2_{block_id}")
            x2 = k.Add([x2_1, x2_2], name=f"normal_add_2_{block_id}")
            x3 = k.AveragePooling2D(h, (3, 3), strides=(1, 1), padding="same", name=f"normal_left3_{block_id}")
            x3 = k.Add([x3, p], name=f"normal_add_3_{block_id}")
            x4_1 = k.AveragePooling2D(p, (3, 3), strides=(1, 1), padding="same", name=f"normal_left4_{block_id}")
            x4_2 = k.AveragePooling2D(p, (3, 3), strides=(1, 1), padding="same", name=f"normal_right4_{block_id}")
            x4 = k.Add([x4_1, x4_2], name=f"normal_add_4_{block_id}")
            x5 = separable_conv_block(h, filters, block_id=f"normal_left5_{block_id}")
            x5 = k.Add([x5, h], name=f"normal_add_5_{block_id}")
            x = k.Concatenate([p, x1, x2, x3, x4, x5], name=f"normal_concat_{block_id}")
            return x, ip

        def reduction_a_cell(ip, p, filters, block_id=None):
            p = adjust_block(p, ip, filters, block_id)
            h = k.Activation(ip, "relu")
            h = k.Conv2D(h, filters, (1, 1), strides=(1, 1), padding="same", name=f"reduction_conv_1_{block_id}",
                         use_bias=False)
            h = bn(h, f"reduction_bn_1_{block_id}")
            h3 = k.ZeroPadding2D(h, correct_pad(h, 3), name=f"reduction_pad_1_{block_id}")
            x1_1 = separable_conv_block(h, filters, (5, 5), strides=(2, 2), block_id=f"reduction_left1_{block_id}")
            x1_2 = separable_conv_block(p, filters, (7, 7), strides=(2, 2), block_id=f"reduction_right1_{block_id}")
            x1 = k.Add([x1_1, x1_2], name=f"reduction_add_1_{block_id}")
            x2_1 = k.MaxPooling2D(h3, (3, 3), strides=(2, 2), padding="valid", name=f"reduction_left2_{block_id}")
            x2_2 = separable_conv_block(p, filters, (7, 7), strides=(2, 2), block_id=f"reduction_right2_{block_id}")
            x2 = k.Add([x2_1, x2_2], name=f"reduction_add_2_{block_id}")
            x3_1 = k.AveragePooling2D(h3, (3, 3), strides=(2, 2), padding="valid", name=f"reduction_left3_{block_id}")
            x3_2 = separable_conv_block(p, filters, (5, 5), strides=(2, 2), block_id=f"reduction_right3_{block_id}")
            x3 = k.Add([x3_1, x3_2], name=f"reduction_add3_{block_id}")
            x4 = k.AveragePooling2D(x1, (3, 3), strides=(1, 1), padding="same", name=f"reduction_left4_{block_id}")
            x4 = k.Add([x2, x4])
            x5_1 = separable_conv_block(x1, filters, (3, 3), block_id=f"reduction_left4_{block_id}")
            x5_2 = k.MaxPooling2D(h3, (3, 3), strides=(2, 2), padding="valid", name=f"reduction_right5_{block_id}")
            x5 = k.Add([x5_1, x5_2], name=f"reduction_add4_{block_id}")
            x = k.Concatenate([x2, x3, x4, x5], name=f"reduction_concat_{block_id}")
            return x, ip

        img = k.Input((size, size, 3))
        filters = penultimate_filters // 24
        x = k.Conv2D(img, stem_block_filters, (3, 3), strides=(2, 2), padding="valid", use_bias=False, name="stem_conv1")
        x = bn(x, "stem_bn1")
        p = None
        x, p = reduction_a_cell(x, p, filters // (filter_multiplier ** 2), block_id="stem_1")
        x, p = reduction_a_cell(x, p, filters // filter_multiplier, block_id="stem_2")
        for i in range(num_blocks):
            x, p = normal_a_cell(x, p, filters, block_id=f"{i}")
        x, p0 = reduction_a_cell(x, p, filters * filter_multiplier, block_id=f"reduce_{num_blocks}")
        p = p0 if not skip_reduction else p
        for i in range(num_blocks):
            x, p = normal_a_cell(x, p, filters * filter_multiplier, block_id=f"{num_blocks + i + 1}")
        x, p0 = reduction_a_cell(x, p, filters * filter_multiplier ** 2, block_id=f"reduce_{2 * num_blocks}")
        p = p0 if not skip_reduction else p
        for i in range(num_blocks):
            x, p = normal_a_cell(x, p, filters * filter_multiplier ** 2, block_id=f"{2 * num_blocks + i + 1}")
        x = k.Activation(x, "relu")
        return head(k, x, include_top, pooling, classes)
    return build


# ConvNeXt's PreStem: Normalization with ImageNet's mean and variance in [0, 255] pixels.
CONVNEXT_MEAN = [0.485 * 255, 0.456 * 255, 0.406 * 255]
CONVNEXT_VARIANCE = [(0.229 * 255) ** 2, (0.224 * 255) ** 2, (0.225 * 255) ** 2]


def convnext(depths, projection_dims, model_name):
    """keras/src/applications/convnext.py, include_preprocessing=True, drop_path_rate 0, layer scale 1e-6."""
    def build(k, size, include_top, pooling, classes):
        name = model_name
        img = k.Input((size, size, 3))
        x = k.Normalization(img, mean=CONVNEXT_MEAN, variance=CONVNEXT_VARIANCE, name=f"{name}_prestem_normalization")

        def stem(t):
            t = k.Conv2D(t, projection_dims[0], 4, strides=4, name=f"{name}_stem_conv")
            return k.LayerNormalization(t, 1e-6, name=f"{name}_stem_layernorm")

        def downsampling(i):
            def build_block(t):
                t = k.LayerNormalization(t, 1e-6, name=f"{name}_downsampling_layernorm_{i}")
                return k.Conv2D(t, projection_dims[i + 1], 2, strides=2, name=f"{name}_downsampling_conv_{i}")
            return build_block

        def block(inputs, dim, block_name):
            t = k.Conv2D(inputs, dim, 7, padding="same", groups=dim, name=f"{block_name}_depthwise_conv")
            t = k.LayerNormalization(t, 1e-6, name=f"{block_name}_layernorm")
            t = k.Dense(t, 4 * dim, name=f"{block_name}_pointwise_conv_1")
            t = k.Activation(t, "gelu", name=f"{block_name}_gelu")
            t = k.Dense(t, dim, name=f"{block_name}_pointwise_conv_2")
            t = k.LayerScale(t, dim, name=f"{block_name}_layer_scale")
            t = k.Activation(t, "linear", name=f"{block_name}_identity")
            return k.plus(inputs, t)

        for i in range(4):
            x = k.Sequential(x, stem if i == 0 else downsampling(i - 1),
                             name=f"{name}_stem" if i == 0 else f"{name}_downsampling_block_{i - 1}")
            for j in range(depths[i]):
                x = block(x, projection_dims[i], f"{name}_stage_{i}_block_{j}")
        if include_top:
            x = k.GlobalAveragePooling2D(x, name=f"{name}_head_gap")
            x = k.LayerNormalization(x, 1e-6, name=f"{name}_head_layernorm")
            return k.Dense(x, classes, activation="softmax", name=f"{name}_head_dense")
        if pooling == "avg":
            x = k.GlobalAveragePooling2D(x)
        elif pooling == "max":
            x = k.GlobalMaxPooling2D(x)
        return k.LayerNormalization(x, 1e-6)
    return build


# name: (builder, default size, Keras's min_size, input range, published total with the top)
MODELS = {
    "densenet121": (densenet([6, 12, 24, 16]), 224, 32, (-1, 1), 8062504),
    "densenet169": (densenet([6, 12, 32, 32]), 224, 32, (-1, 1), 14307880),
    "densenet201": (densenet([6, 12, 48, 32]), 224, 32, (-1, 1), 20242984),
    "resnet50-v2": (resnet_v2([3, 4, 6, 3]), 224, 32, (-1, 1), 25613800),
    "resnet101-v2": (resnet_v2([3, 4, 23, 3]), 224, 32, (-1, 1), 44675560),
    "resnet152-v2": (resnet_v2([3, 8, 36, 3]), 224, 32, (-1, 1), 60380648),
    "inception-resnet-v2": (inception_resnet_v2, 299, 75, (-1, 1), 55873736),
    "nasnet-mobile": (nasnet(1056, 4, 32, False), 224, 32, (-1, 1), 5326716),
    "nasnet-large": (nasnet(4032, 6, 96, True), 331, 32, (-1, 1), 88949818),
    "convnext-tiny": (convnext([3, 3, 9, 3], [96, 192, 384, 768], "convnext_tiny"), 224, 32, (0, 255), None),
    "convnext-small": (convnext([3, 3, 27, 3], [96, 192, 384, 768], "convnext_small"), 224, 32, (0, 255), None),
    "convnext-base": (convnext([3, 3, 27, 3], [128, 256, 512, 1024], "convnext_base"), 224, 32, (0, 255), None),
    "convnext-large": (convnext([3, 3, 27, 3], [192, 384, 768, 1536], "convnext_large"), 224, 32, (0, 255), None),
    "convnext-xlarge": (convnext([3, 3, 27, 3], [256, 512, 1024, 2048], "convnext_xlarge"), 224, 32, (0, 255), None),
}


def build(name, size, include_top=True, pooling=None, classes=1000):
    k = Keras()
    output = MODELS[name][0](k, size, include_top, pooling, classes)
    return k, output


def count(layers):
    trainable = sum(w.size for op in layers for _, w in op.all_weights() if w.trainable)
    frozen = sum(w.size for op in layers for _, w in op.all_weights() if not w.trainable)
    return {"total": trainable + frozen, "trainable": trainable, "non_trainable": frozen}


# ---------------------------------------------------------------------------------------------------------
# Modes.

# torchvision's published parameter counts (its weights' meta["num_params"]) for the same architectures:
# ConvNeXt's equal Keras's total (no BatchNorm), DenseNet's equal Keras's trainable count (Keras adds the
# BatchNorm moving statistics to its total).
TORCHVISION = {
    "densenet121": ("DenseNet121_Weights", "trainable"), "densenet169": ("DenseNet169_Weights", "trainable"),
    "densenet201": ("DenseNet201_Weights", "trainable"), "convnext-tiny": ("ConvNeXt_Tiny_Weights", "total"),
    "convnext-small": ("ConvNeXt_Small_Weights", "total"), "convnext-base": ("ConvNeXt_Base_Weights", "total"),
    "convnext-large": ("ConvNeXt_Large_Weights", "total"),
}


def torchvision_count(name):
    try:
        import torchvision.models as models
    except ImportError:
        return None
    return getattr(models, TORCHVISION[name][0]).IMAGENET1K_V1.meta["num_params"]


def counts(out):
    rows = {}
    print(f"{'model':<22}{'top total':>13}{'trainable':>13}{'non-train.':>12}{'published':>13}"
          f"{'notop total':>14}{'trainable':>13}{'non-train.':>12}{'layers':>8}")
    for name, (_, size, _, _, published) in MODELS.items():
        k, out_t = build(name, size)
        layers = k.model_layers(out_t)
        top = count(layers)
        k2, out2 = build(name, size, include_top=False)
        notop = count(k2.model_layers(out2))
        if published is not None:
            assert top["total"] == published, f"{name}: {top['total']} != published {published}"
        if name in TORCHVISION and torchvision_count(name) is not None:
            field = TORCHVISION[name][1]
            expected = torchvision_count(name)
            assert top[field] == expected, f"{name}: {field} {top[field]} != torchvision's {expected}"
        rows[name] = {"size": size, "include_top": top, "no_top": notop, "published_total": published,
                      "layers": len(layers), "layers_no_top": len(k2.model_layers(out2))}
        print(f"{name:<22}{top['total']:>13,}{top['trainable']:>13,}{top['non_trainable']:>12,}"
              f"{'-' if published is None else format(published, ','):>13}"
              f"{notop['total']:>14,}{notop['trainable']:>13,}{notop['non_trainable']:>12,}{len(layers):>8}")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "counts.json"), "w") as f:
        json.dump(rows, f, indent=1)


def signature(name, size):
    k, output = build(name, size)
    return [(op.name, op.cls, [(w, v.shape) for w, v in op.all_weights()]) for op in k.model_layers(output)]


def smallest(name):
    """The smallest square input every layer survives, and the smallest with the default size's layers:
    NASNet's adjust blocks compare spatial sizes, so below it a reduction that no longer halves (1x1 -> 1x1)
    turns an adjust_reduction block into an adjust_projection one."""
    default = signature(name, MODELS[name][1])
    survives = same = None
    for size in range(1, MODELS[name][1] + 1):
        try:
            layers = signature(name, size)
        except BuildError:
            continue
        survives = survives or size
        if layers == default:
            same = size
            break
    return survives, same


def minimum():
    for name, (_, _, keras_min, _, _) in MODELS.items():
        survives, same = smallest(name)
        print(f"{name:<22} layers survive from {survives}x{survives}, the default size's layers from {same}x{same};"
              f" Keras accepts from {keras_min}x{keras_min}")


def parse(spec):
    parts = spec.split(":")
    name, size, rest = parts[0], int(parts[1]), parts[2:]
    include_top, pooling, classes = True, None, 1000
    if rest and rest[0] == "notop":
        include_top, rest = False, rest[1:]
        if rest and rest[0] in ("avg", "max"):
            pooling, rest = rest[0], rest[1:]
    if rest:
        classes, rest = int(rest[0]), rest[1:]
    if name not in MODELS or rest or (not include_top and classes != 1000):
        sys.exit(f"bad fixture spec {spec!r}: NAME:SIZE[:notop[:avg|max]][:CLASSES], NAME one of {', '.join(MODELS)}")
    if size < MODELS[name][2]:
        sys.exit(f"{spec}: Keras accepts inputs from {MODELS[name][2]}x{MODELS[name][2]} for {name}")
    return name, size, include_top, pooling, classes


def check_primitives():
    """The convolution and pooling helpers against the definitions written out as loops."""
    # TensorFlow's SAME: pad_along = max((out - 1) * s + k - n, 0), pad_top = pad_along // 2.
    assert [same_pads(8, 3, 2), same_pads(9, 3, 2), same_pads(8, 4, 1), same_pads(35, 7, 1)] == \
        [(0, 1), (1, 1), (1, 2), (3, 3)]
    rng = np.random.default_rng(0)
    x = torch.from_numpy(rng.standard_normal((2, 6, 9, 8)))

    def windows(xp, kh, kw, s, oh, ow):
        for dy in range(kh):
            for dx in range(kw):
                yield dy, dx, xp[:, :, dy:dy + s * (oh - 1) + 1:s, dx:dx + s * (ow - 1) + 1:s]

    # Conv2D: out[n, o] = sum over (dy, dx, i in o's group) of x[n, i, y*s + dy, x*s + dx] * kernel[dy, dx, i, o].
    for (kh, kw), s, groups, padding in [((3, 3), 2, 1, "same"), ((1, 7), 1, 1, "same"), ((7, 7), 1, 6, "same"),
                                         ((4, 4), 4, 1, "valid"), ((5, 5), 2, 3, "valid")]:
        kernel = torch.from_numpy(rng.standard_normal((kh, kw, 6 // groups, 6)))
        y = conv_nchw(x, kernel, None, (s, s), padding, groups)
        xp = pad_same(x, (kh, kw), (s, s)) if padding == "same" else x
        ref = torch.zeros_like(y)
        per = 6 // groups
        for dy, dx, window in windows(xp, kh, kw, s, y.shape[2], y.shape[3]):
            for o in range(6):
                group = window[:, (o // per) * per:(o // per + 1) * per]
                ref[:, o] += torch.einsum("nihw,i->nhw", group, kernel[dy, dx, :, o])
        assert torch.allclose(y, ref, atol=1e-10), (kh, kw, s, groups, padding)
    # DepthwiseConv2D with multiplier m: output channel c * m + j is input c convolved with kernel[:, :, c, j].
    kernel = torch.from_numpy(rng.standard_normal((3, 3, 6, 2)))
    y = depthwise_nchw(x, kernel, (2, 2), "same")
    ref = torch.zeros_like(y)
    for dy, dx, window in windows(pad_same(x, (3, 3), (2, 2)), 3, 3, 2, y.shape[2], y.shape[3]):
        for c in range(6):
            for j in range(2):
                ref[:, c * 2 + j] += window[:, c] * kernel[dy, dx, c, j]
    assert torch.allclose(y, ref, atol=1e-10)
    # AveragePooling2D SAME: the mean of the window's values inside the input (padding not counted).
    k = Keras()
    pool = k.AveragePooling2D(Tensor(None, (9, 8, 6)), 3, strides=1, padding="same")
    y = pool.op.fn(k, pool.op, [x])
    for yy, xx in [(0, 0), (0, 4), (8, 7), (4, 0), (5, 5)]:
        window = x[:, :, max(yy - 1, 0):yy + 2, max(xx - 1, 0):xx + 2]
        assert torch.allclose(y[:, :, yy, xx], window.mean(dim=(2, 3)), atol=1e-12)


def against_torchvision():
    """DenseNet-121 and ConvNeXt-Tiny (32x32, 10 classes) with this script's weights, run by torchvision's own
    model definitions (Debian's python3-torchvision): an outside check of the layers every family here shares
    (Conv2D, BatchNormalization, pooling, Concatenate, Dense, LayerNormalization, LayerScale, GELU)."""
    import torchvision.models as tvm

    def keras(name, spec):
        k, output = build(name, 32, True, None, 10)
        layers = k.model_layers(output)
        k.rng = np.random.default_rng(zlib.crc32(spec.encode()))
        low, high = MODELS[name][3]
        x = torch.from_numpy(k.rng.uniform(low, high, (2, 3, 32, 32)).astype(np.float32).astype(np.float64))
        y = k.run(x, output)
        flat = {}
        for op in layers:
            for layer in op.inner or [op]:
                for w in layer.weights:
                    flat[f"{layer.name}/{w.name}"] = torch.from_numpy(w.array.astype(np.float64))
        return x, y, flat

    def conv(kernel):
        return kernel.permute(3, 2, 0, 1)

    x, y, w = keras("densenet121", "torchvision:densenet121")
    model = tvm.densenet121(num_classes=10).double().eval()
    state = {"features.conv0.weight": conv(w["conv1_conv/kernel"])}

    def bn(prefix, layer):
        state.update({f"{prefix}.weight": w[f"{layer}/gamma"], f"{prefix}.bias": w[f"{layer}/beta"],
                      f"{prefix}.running_mean": w[f"{layer}/moving_mean"],
                      f"{prefix}.running_var": w[f"{layer}/moving_variance"]})
    bn("features.norm0", "conv1_bn")
    for b, n in enumerate([6, 12, 24, 16]):
        for i in range(n):
            tv, ke = f"features.denseblock{b + 1}.denselayer{i + 1}", f"conv{b + 2}_block{i + 1}"
            bn(f"{tv}.norm1", f"{ke}_0_bn")
            state[f"{tv}.conv1.weight"] = conv(w[f"{ke}_1_conv/kernel"])
            bn(f"{tv}.norm2", f"{ke}_1_bn")
            state[f"{tv}.conv2.weight"] = conv(w[f"{ke}_2_conv/kernel"])
        if b < 3:
            bn(f"features.transition{b + 1}.norm", f"pool{b + 2}_bn")
            state[f"features.transition{b + 1}.conv.weight"] = conv(w[f"pool{b + 2}_conv/kernel"])
    bn("features.norm5", "bn")
    state.update({"classifier.weight": w["predictions/kernel"].T, "classifier.bias": w["predictions/bias"]})
    missing, unexpected = model.load_state_dict(state, strict=False)
    assert not unexpected and all(key.endswith("num_batches_tracked") for key in missing), missing
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.eps = 1.001e-5
    with torch.no_grad():
        ours = torch.softmax(model(x), dim=1)
    densenet_error = ((ours - y).abs().max() / y.abs().max()).item()

    x, y, w = keras("convnext-tiny", "torchvision:convnext-tiny")
    model = tvm.convnext_tiny(num_classes=10).double().eval()
    name = "convnext_tiny"

    def ln(prefix, layer):
        state.update({f"{prefix}.weight": w[f"{layer}/gamma"], f"{prefix}.bias": w[f"{layer}/beta"]})
    state = {"features.0.0.weight": conv(w[f"{name}_stem_conv/kernel"]), "features.0.0.bias": w[f"{name}_stem_conv/bias"]}
    ln("features.0.1", f"{name}_stem_layernorm")
    for i, depth in enumerate([3, 3, 9, 3]):
        if i > 0:
            ln(f"features.{2 * i}.0", f"{name}_downsampling_layernorm_{i - 1}")
            state[f"features.{2 * i}.1.weight"] = conv(w[f"{name}_downsampling_conv_{i - 1}/kernel"])
            state[f"features.{2 * i}.1.bias"] = w[f"{name}_downsampling_conv_{i - 1}/bias"]
        for j in range(depth):
            tv, ke = f"features.{2 * i + 1}.{j}", f"{name}_stage_{i}_block_{j}"
            state[f"{tv}.block.0.weight"] = conv(w[f"{ke}_depthwise_conv/kernel"])
            state[f"{tv}.block.0.bias"] = w[f"{ke}_depthwise_conv/bias"]
            ln(f"{tv}.block.2", f"{ke}_layernorm")
            for tv_index, dense in ((3, "pointwise_conv_1"), (5, "pointwise_conv_2")):
                state[f"{tv}.block.{tv_index}.weight"] = w[f"{ke}_{dense}/kernel"].T
                state[f"{tv}.block.{tv_index}.bias"] = w[f"{ke}_{dense}/bias"]
            scale = next(v for key, v in w.items() if key.startswith(f"{ke}_layer_scale/"))
            state[f"{tv}.layer_scale"] = scale[:, None, None]
    ln("classifier.0", f"{name}_head_layernorm")
    state.update({"classifier.2.weight": w[f"{name}_head_dense/kernel"].T,
                  "classifier.2.bias": w[f"{name}_head_dense/bias"]})
    model.load_state_dict(state)
    mean = torch.from_numpy(np.asarray(CONVNEXT_MEAN, dtype=np.float32).astype(np.float64))
    std = torch.from_numpy(np.sqrt(np.asarray(CONVNEXT_VARIANCE, dtype=np.float32)).astype(np.float64))
    with torch.no_grad():
        ours = torch.softmax(model((x - mean[None, :, None, None]) / std[None, :, None, None]), dim=1)
    convnext_error = ((ours - y).abs().max() / y.abs().max()).item()
    print(f"torchvision densenet121: relative difference {densenet_error:.1e}; convnext_tiny: {convnext_error:.1e}")
    assert densenet_error < 1e-10 and convnext_error < 1e-10


def save_legacy(path, layers):
    """keras/src/legacy/saving/legacy_h5_format.py save_weights_to_hdf5_group, with tf.keras's weight names."""
    with h5py.File(path, "w") as f:
        f.attrs["layer_names"] = [op.name.encode("utf8") for op in layers]
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"2.15.0"
        for op in layers:
            g = f.create_group(op.name)
            names = [f"{w}:0" if "/" in w else f"{op.name}/{w}:0" for w, _ in op.all_weights()]
            g.attrs["weight_names"] = [n.encode("utf8") for n in names]
            for n, (_, w) in zip(names, op.all_weights()):
                g.create_dataset(n, data=np.asarray(w.array, dtype=np.float32))


def manifest(op):
    entry = {"name": op.name, "class_name": op.cls, "weights": [[w, list(a.shape)] for w, a in op.all_weights()]}
    if op.inner is not None:
        entry["layers"] = [manifest(i) for i in op.inner]
    return entry


def fixture(out, spec):
    start = time.time()
    name, size, include_top, pooling, classes = parse(spec)
    k, output = build(name, size, include_top, pooling, classes)
    layers = k.model_layers(output)
    k.rng = np.random.default_rng(zlib.crc32(spec.encode()))
    low, high = MODELS[name][3]
    x_nchw = k.rng.uniform(low, high, (2, 3, size, size)).astype(np.float32)
    y = k.run(torch.from_numpy(x_nchw.astype(np.float64)), output)
    weights = [w for op in layers for _, w in op.all_weights()]
    assert all(id(w) in k.used and w.array is not None and w.array.shape == w.shape for w in weights), \
        "a weight the forward pass did not use"
    assert len(k.used) == len(weights)
    assert torch.isfinite(y).all()
    # The same arrays in float32: how far a float32 implementation of these layers lands from the float64
    # output (largest difference over largest magnitude), a floor for the tolerance of a test.
    y32 = k.run(torch.from_numpy(x_nchw), output, dtype=torch.float32).to(torch.float64)
    float32_error = ((y32 - y).abs().max() / y.abs().max()).item()
    save_legacy(os.path.join(out, f"{name}.h5"), layers)
    with open(os.path.join(out, f"{name}.json"), "w") as f:
        json.dump({"model": name, "spec": spec, "input_shape": list(x_nchw.shape), "input": x_nchw.ravel().tolist(),
                   "output_shape": list(y.shape), "output": y.numpy().ravel().tolist(),
                   "float32_relative_error": float32_error,
                   "params": count(layers), "layers": [manifest(op) for op in layers]}, f)
    print(f"{spec}: {len(layers)} layers, {count(layers)['total']:,} parameters, output {tuple(y.shape)} "
          f"(|y| max {y.abs().max().item():.3g}, std {y.std().item():.3g}; float32 {float32_error:.1e}), "
          f"{time.time() - start:.1f} s")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "counts":
        counts(sys.argv[2] if len(sys.argv) > 2 else ".")
    elif len(sys.argv) == 2 and sys.argv[1] == "min":
        minimum()
    elif len(sys.argv) == 2 and sys.argv[1] == "torchvision":
        torch.set_num_threads(1)
        against_torchvision()
    elif len(sys.argv) >= 3:
        out_dir, specs = sys.argv[1], sys.argv[2:]
        parsed = [parse(s)[0] for s in specs]
        if len(set(parsed)) != len(parsed):
            sys.exit("each model can be written once per folder (the files are named after the model)")
        os.makedirs(out_dir, exist_ok=True)
        # One thread: these tensors are small, and two OpenMP threads spinning on a shared 2-core machine
        # took five times the CPU time of one here.
        torch.set_num_threads(1)
        check_primitives()
        for s in specs:
            fixture(out_dir, s)
    else:
        sys.exit(__doc__)
