"""Writes Keras HDF5 weight files in Keras's own layouts with h5py, and the outputs PyTorch computes
for them from Keras's layer definitions (TensorFlow layouts: HWIO kernels, NHWC flatten, x @ W + b).

Layouts, as Keras's saving code writes them:
- legacy .h5 (keras/src/legacy/saving/legacy_h5_format.py, save_weights_to_hdf5_group): root attributes
  layer_names, backend, keras_version; a group per layer with attribute weight_names ("conv/kernel:0", ...)
  and each weight at <layer>/<weight name>; a layer without weights gets an empty weight_names list.
  A whole model saved as .h5 has the same under the group model_weights.
- Keras 3 .weights.h5 (keras/src/saving/saving_lib.py, H5IOStore): an empty root "vars", then
  layers/<snake-case class name, numbered in model.layers order>/vars/<0..n>.

usage: keras_files.py small OUT_DIR     the small fixtures (a few KB, committed)
       keras_files.py resnet50 OUT_DIR  keras.applications ResNet50 (include_top=False, pooling='avg') at 64x64
       keras_files.py xception OUT_DIR  xception_weights_tf_dim_ordering_tf_kernels_notop.h5's layout with random
                                        weights (keras.applications Xception, include_top=False), and a few of its
                                        values in PyTorch's layout (OIHW) in xception_notop.json
"""
import json
import sys

import h5py
import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def save_legacy(path, layers, whole_model=False):
    with h5py.File(path, "w") as root:
        # model.save("x.h5") (legacy_h5_format.save_model_to_hdf5) puts the same under /model_weights.
        f = root.create_group("model_weights") if whole_model else root
        if whole_model:
            root.attrs["model_config"] = b'{"class_name": "Functional"}'
            root.attrs["keras_version"] = b"2.15.0"
            root.attrs["backend"] = b"tensorflow"
        f.attrs["layer_names"] = [name.encode("utf8") for name, _ in layers]
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"2.15.0"
        for name, weights in layers:
            g = f.create_group(name)
            g.attrs["weight_names"] = [weight_name(name, w).encode("utf8") for w, _ in weights]
            for w, a in weights:
                g.create_dataset(weight_name(name, w), data=a.astype(np.float32))


def weight_name(layer, weight):
    """tf.keras's variable name: the layer's name and the weight's, or the inner layer's in a nested model."""
    return f"{weight}:0" if "/" in weight else f"{layer}/{weight}:0"


def save_keras3(path, layers):
    with h5py.File(path, "w") as f:
        f.create_group("vars")
        root = f.create_group("layers")
        for key, arrays in layers:
            g = root.create_group(key).create_group("vars")
            for i, a in enumerate(arrays):
                g[str(i)] = a.astype(np.float32)


def t(a):
    return torch.from_numpy(a.astype(np.float32).astype(np.float64))


def same_pads(size, k, s):
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


def conv(x, kernel, bias=None, stride=1, same=False):
    """Keras Conv2D: out[n, o] = sum over (dy, dx, i) of x[n, i, y*s+dy, x*s+dx] * kernel[dy, dx, i, o]."""
    kh, kw, cin, cout = kernel.shape
    if same:
        top, bottom = same_pads(x.shape[2], kh, stride)
        left, right = same_pads(x.shape[3], kw, stride)
        x = F.pad(x, (left, right, top, bottom))
    n, _, h, w = x.shape
    oh, ow = (h - kh) // stride + 1, (w - kw) // stride + 1
    patches = F.unfold(x, (kh, kw), stride=stride).reshape(n, cin, kh, kw, oh * ow)
    y = torch.einsum("nchwl,hwco->nol", patches, t(kernel)).reshape(n, cout, oh, ow)
    return y if bias is None else y + t(bias)[None, :, None, None]


def depthwise(x, kernel, same=True):
    """Keras DepthwiseConv2D: output channel c * M + m is input channel c convolved with kernel[:, :, c, m]."""
    kh, kw, c, m = kernel.shape
    outs = []
    for ci in range(c):
        for mi in range(m):
            outs.append(conv(x[:, ci:ci + 1], kernel[:, :, ci:ci + 1, mi:mi + 1], same=same))
    return torch.cat(outs, dim=1)


def bn(x, gamma, beta, mean, var, eps):
    g = t(gamma) if gamma is not None else torch.ones(x.shape[1])
    return (x - t(mean)[None, :, None, None]) / torch.sqrt(t(var)[None, :, None, None] + eps) * g[None, :, None, None] + t(beta)[None, :, None, None]


def random_bn(rng, c, scale=True):
    arrays = [rng.uniform(0.5, 1.5, c)] if scale else []
    return arrays + [rng.uniform(-0.2, 0.2, c), rng.uniform(-0.2, 0.2, c), rng.uniform(0.5, 1.5, c)]


def he(rng, *shape):
    fan_in = int(np.prod(shape[:-1]))
    return rng.normal(0, np.sqrt(2.0 / fan_in), shape)


def small(out):
    """Conv 3x3 SAME + BN + ReLU, depthwise 3x3 (multiplier 2) + BN without gamma, separable 3x3 (5 filters), Flatten, Dense 6."""
    rng = np.random.default_rng(12)
    x_nchw = rng.uniform(-1, 1, (2, 3, 6, 6))
    k1, b1 = he(rng, 3, 3, 3, 4), rng.uniform(-0.1, 0.1, 4)
    bn1 = random_bn(rng, 4)
    dk, db = he(rng, 3, 3, 4, 2), rng.uniform(-0.1, 0.1, 8)
    bn2 = random_bn(rng, 8, scale=False)
    sd, sp, sb = he(rng, 3, 3, 8, 1), he(rng, 1, 1, 8, 5), rng.uniform(-0.1, 0.1, 5)
    fk, fb = he(rng, 6 * 6 * 5, 6), rng.uniform(-0.1, 0.1, 6)

    x = t(x_nchw)
    y = torch.relu(bn(conv(x, k1, b1, same=True), *bn1, eps=1e-3))
    y = depthwise(y, dk) + t(db)[None, :, None, None]
    y = bn(y, None, *bn2, eps=1e-3)
    y = conv(depthwise(y, sd), sp, sb)
    flat = y.permute(0, 2, 3, 1).reshape(2, -1)
    logits = flat @ t(fk) + t(fb)

    bn_names = ["gamma", "beta", "moving_mean", "moving_variance"]
    legacy = [
        ("input_1", []),
        ("conv", [("kernel", k1), ("bias", b1)]),
        ("bn", list(zip(bn_names, bn1))),
        ("relu", []),
        ("dw", [("depthwise_kernel", dk), ("bias", db)]),
        ("bn_noscale", list(zip(bn_names[1:], bn2))),
        ("sep", [("depthwise_kernel", sd), ("pointwise_kernel", sp), ("bias", sb)]),
        ("flatten", []),
        ("fc", [("kernel", fk), ("bias", fb)]),
    ]
    save_legacy(f"{out}/small.h5", legacy)
    # Keras 2.0's automatic names, numbered from 1 per class, as the keras.applications Inception-v3
    # and Xception files of that era have them.
    auto = ["input_1", "conv2d_1", "batch_normalization_1", "activation_1", "depthwise_conv2d_1",
            "batch_normalization_2", "separable_conv2d_1", "flatten_1", "dense_1"]
    save_legacy(f"{out}/small.keras2.h5", [(name, weights) for name, (_, weights) in zip(auto, legacy)])
    save_legacy(f"{out}/small.model.h5", legacy, whole_model=True)
    # The same layers inside a nested model "base", as tf.keras saves Sequential([base, fc]): the base's
    # group lists its inner weights under their own layers' names.
    inner = [(f"{name}/{w}", a) for name, weights in legacy[1:-2] for w, a in weights]
    save_legacy(f"{out}/small.nested.h5", [("input_1", []), ("base", inner), ("fc", legacy[-1][1])])
    save_keras3(f"{out}/small.weights.h5", [
        ("input_layer", []),
        ("conv2d", [k1, b1]),
        ("batch_normalization", bn1),
        ("activation", []),
        ("depthwise_conv2d", [dk, db]),
        ("batch_normalization_1", bn2),
        ("separable_conv2d", [sd, sp, sb]),
        ("flatten", []),
        ("dense", [fk, fb]),
    ])
    write_expected(f"{out}/small.json", x_nchw, logits)


def residual(out):
    """A stem conv and one keras.applications ResNet v1 block (b1, 4 filters, stride 2), global average pool, Dense 3.

    Keras 3 numbers the layers of a class in model.layers order, which for a residual block is the order
    ResNet50's model.summary() prints: b1_1_conv, b1_1_bn, b1_1_relu, b1_2_conv, b1_2_bn, b1_2_relu,
    b1_0_conv, b1_3_conv, b1_0_bn, b1_3_bn, b1_add, b1_out.
    """
    rng = np.random.default_rng(7)
    x_nchw = rng.uniform(-1, 1, (2, 3, 9, 9))
    stem, stem_b, stem_bn = he(rng, 3, 3, 3, 8), rng.uniform(-0.1, 0.1, 8), random_bn(rng, 8)
    c0, c0b, bn0 = he(rng, 1, 1, 8, 16), rng.uniform(-0.1, 0.1, 16), random_bn(rng, 16)
    c1, c1b, bn1 = he(rng, 1, 1, 8, 4), rng.uniform(-0.1, 0.1, 4), random_bn(rng, 4)
    c2, c2b, bn2 = he(rng, 3, 3, 4, 4), rng.uniform(-0.1, 0.1, 4), random_bn(rng, 4)
    c3, c3b, bn3 = he(rng, 1, 1, 4, 16), rng.uniform(-0.1, 0.1, 16), random_bn(rng, 16)
    fk, fb = he(rng, 16, 3), rng.uniform(-0.1, 0.1, 3)
    eps = 1.001e-5

    x = t(x_nchw)
    s = torch.relu(bn(conv(x, stem, stem_b, same=True), *stem_bn, eps=eps))
    shortcut = bn(conv(s, c0, c0b, stride=2), *bn0, eps=eps)
    m = torch.relu(bn(conv(s, c1, c1b, stride=2), *bn1, eps=eps))
    m = torch.relu(bn(conv(m, c2, c2b, same=True), *bn2, eps=eps))
    m = bn(conv(m, c3, c3b), *bn3, eps=eps)
    y = torch.relu(shortcut + m).mean(dim=(2, 3))
    logits = y @ t(fk) + t(fb)

    save_keras3(f"{out}/residual.weights.h5", [
        ("input_layer", []),
        ("conv2d", [stem, stem_b]), ("batch_normalization", stem_bn), ("activation", []),
        ("conv2d_1", [c1, c1b]), ("batch_normalization_1", bn1), ("activation_1", []),
        ("conv2d_2", [c2, c2b]), ("batch_normalization_2", bn2), ("activation_2", []),
        ("conv2d_3", [c0, c0b]), ("conv2d_4", [c3, c3b]),
        ("batch_normalization_3", bn0), ("batch_normalization_4", bn3),
        ("add", []), ("activation_3", []), ("global_average_pooling2d", []),
        ("dense", [fk, fb]),
    ])
    write_expected(f"{out}/residual.json", x_nchw, logits)


def resnet50(out):
    """keras.applications ResNet50(include_top=False, pooling='avg') with random weights, at 64x64."""
    rng = np.random.default_rng(50)
    eps = 1.001e-5
    layers = [("input_1", [])]
    bn_names = ["gamma", "beta", "moving_mean", "moving_variance"]

    def conv_bn(x, name, cin, cout, k, stride=1, same=False, relu=True):
        kernel, bias, stats = he(rng, k, k, cin, cout), rng.uniform(-0.1, 0.1, cout), random_bn(rng, cout)
        layers.append((f"{name}_conv", [("kernel", kernel), ("bias", bias)]))
        layers.append((f"{name}_bn", list(zip(bn_names, stats))))
        y = bn(conv(x, kernel, bias, stride=stride, same=same), *stats, eps=eps)
        return torch.relu(y) if relu else y

    x_nchw = rng.uniform(-1, 1, (2, 3, 64, 64))
    x = F.pad(t(x_nchw), (3, 3, 3, 3))
    x = conv_bn(x, "conv1", 3, 64, 7, stride=2)
    x = F.max_pool2d(F.pad(x, (1, 1, 1, 1)), 3, stride=2)
    cin = 64
    for stage, (filters, blocks) in enumerate(zip([64, 128, 256, 512], [3, 4, 6, 3])):
        for block in range(blocks):
            name = f"conv{stage + 2}_block{block + 1}"
            stride = 2 if block == 0 and stage > 0 else 1
            shortcut = conv_bn(x, f"{name}_0", cin, 4 * filters, 1, stride=stride, relu=False) if block == 0 else x
            m = conv_bn(x, f"{name}_1", cin, filters, 1, stride=stride)
            m = conv_bn(m, f"{name}_2", filters, filters, 3, same=True)
            m = conv_bn(m, f"{name}_3", filters, 4 * filters, 1, relu=False)
            x = torch.relu(shortcut + m)
            cin = 4 * filters
    features = x.mean(dim=(2, 3))
    save_legacy(f"{out}/resnet50.h5", layers)
    write_expected(f"{out}/resnet50.json", x_nchw, features)


def xception(out):
    """The weighted layers of keras.applications' Xception (keras/src/applications/xception.py) without its top,
    in model order with the names Keras gives them, the automatic ones (conv2d, batch_normalization, ...) included."""
    rng = np.random.default_rng(11)
    layers = []

    def conv(name, cin, cout, k):
        layers.append((name, [("kernel", rng.standard_normal((k, k, cin, cout)) * 0.05)]))

    def sep(name, cin, cout):
        layers.append((name, [("depthwise_kernel", rng.standard_normal((3, 3, cin, 1)) * 0.1),
                              ("pointwise_kernel", rng.standard_normal((1, 1, cin, cout)) * 0.05)]))

    def bn(name, c):
        layers.append((name, [("gamma", rng.random(c) + 0.5), ("beta", rng.standard_normal(c) * 0.1),
                              ("moving_mean", rng.standard_normal(c) * 0.1), ("moving_variance", rng.random(c) + 0.5)]))

    conv("block1_conv1", 3, 32, 3); bn("block1_conv1_bn", 32)
    conv("block1_conv2", 32, 64, 3); bn("block1_conv2_bn", 64)
    shortcut = 0

    def residual(cin, cout):
        nonlocal shortcut
        suffix = "" if shortcut == 0 else f"_{shortcut}"
        conv(f"conv2d{suffix}", cin, cout, 1); bn(f"batch_normalization{suffix}", cout)
        shortcut += 1

    for block, (cin, cout) in zip((2, 3, 4), ((64, 128), (128, 256), (256, 728))):
        residual(cin, cout)
        sep(f"block{block}_sepconv1", cin, cout); bn(f"block{block}_sepconv1_bn", cout)
        sep(f"block{block}_sepconv2", cout, cout); bn(f"block{block}_sepconv2_bn", cout)
    for block in range(5, 13):
        for i in (1, 2, 3):
            sep(f"block{block}_sepconv{i}", 728, 728); bn(f"block{block}_sepconv{i}_bn", 728)
    residual(728, 1024)
    sep("block13_sepconv1", 728, 728); bn("block13_sepconv1_bn", 728)
    sep("block13_sepconv2", 728, 1024); bn("block13_sepconv2_bn", 1024)
    sep("block14_sepconv1", 1024, 1536); bn("block14_sepconv1_bn", 1536)
    sep("block14_sepconv2", 1536, 2048); bn("block14_sepconv2_bn", 2048)
    save_legacy(f"{out}/xception_weights_tf_dim_ordering_tf_kernels_notop.h5", layers)

    weights = dict(layers)
    # PyTorch's layouts: a kernel HWIO -> OIHW, a depthwise kernel HW(C)(1) -> (C)(1)HW.
    expected = {
        "block1_conv1.weight": dict(weights["block1_conv1"])["kernel"].transpose(3, 2, 0, 1),
        "block4_sepconv1.depthwise.weight": dict(weights["block4_sepconv1"])["depthwise_kernel"].transpose(2, 3, 0, 1),
        "block14_sepconv2_bn.running_var": dict(weights["block14_sepconv2_bn"])["moving_variance"],
    }
    with open(f"{out}/xception_notop.json", "w") as f:
        json.dump({k: v.astype(np.float32).ravel()[:50].tolist() for k, v in expected.items()}, f)


def write_expected(path, x_nchw, y):
    with open(path, "w") as f:
        json.dump({"input_shape": list(x_nchw.shape), "input": x_nchw.astype(np.float32).ravel().tolist(),
                   "output_shape": list(y.shape), "output": y.detach().numpy().ravel().tolist()}, f)


if __name__ == "__main__":
    what, out = sys.argv[1], sys.argv[2]
    if what == "small":
        small(out)
        residual(out)
    elif what == "resnet50":
        resnet50(out)
    elif what == "xception":
        xception(out)
    else:
        sys.exit(f"unknown set {what!r}")
