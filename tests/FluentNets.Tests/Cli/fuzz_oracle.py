"""The outside view of FileFuzzingTests: writes the undamaged files, and says of each damaged one what h5py,
PyTorch or PIL make of it, with the probabilities the fuzzing network gives from the values they read.

The network (FileFuzzingTests.Network): a 4x4x3 image, Conv2D 2 filters 3x3 SAME "conv", BatchNormalization
(epsilon 1e-3) "bn", ReLU, Flatten (Keras's H, W, C order), Dense 3 "fc", Softmax.

usage: fuzz_oracle.py make DIR             writes fuzz.h5, fuzz.weights.h5, fuzz.pth, input.png and one image per format
       fuzz_oracle.py judge KIND DIR MAX   one JSON line per file in DIR (sorted by name):
                                             {"file", "loads", "why", "probabilities"} for weights, after one for
                                             "pristine", the undamaged values' probabilities;
                                             {"file", "loads", "why"} for images (MAX: the most pixels allowed)
"""
import json
import os
import sys

import numpy as np

EPS = 1e-3
KERAS_SHAPES = {
    "conv": [("kernel", (3, 3, 3, 2)), ("bias", (2,))],
    "bn": [("gamma", (2,)), ("beta", (2,)), ("moving_mean", (2,)), ("moving_variance", (2,))],
    "fc": [("kernel", (32, 3)), ("bias", (3,))],
}
KERAS3 = {"layers/conv2d": "conv", "layers/batch_normalization": "bn", "layers/dense": "fc"}
TORCH_SHAPES = {
    "conv.weight": (2, 3, 3, 3), "conv.bias": (2,), "bn.weight": (2,), "bn.bias": (2,),
    "bn.running_mean": (2,), "bn.running_var": (2,), "fc.weight": (3, 32), "fc.bias": (3,),
}


def weights(seed=5):
    rng = np.random.default_rng(seed)
    return {
        "conv": [rng.normal(0, 0.5, (3, 3, 3, 2)), rng.uniform(-0.1, 0.1, 2)],
        "bn": [rng.uniform(0.5, 1.5, 2), rng.uniform(-0.2, 0.2, 2), rng.uniform(-0.2, 0.2, 2), rng.uniform(0.5, 1.5, 2)],
        "fc": [rng.normal(0, 0.3, (32, 3)), rng.uniform(-0.1, 0.1, 3)],
    }


def image():
    from PIL import Image
    return np.asarray(Image.open(os.path.join(os.environ["FUZZ_DIR"], "input.png")).convert("RGB"), dtype=np.float64) / 255.0


def forward(w):
    """Keras layouts: HWIO kernel, (in, out) dense kernel; float64 throughout."""
    x = image()  # (H, W, C)
    k, b = w["conv"]
    padded = np.pad(x, ((1, 1), (1, 1), (0, 0)))
    y = np.zeros((4, 4, 2))
    for i in range(4):
        for j in range(4):
            y[i, j] = np.einsum("hwc,hwco->o", padded[i:i + 3, j:j + 3], k) + b
    gamma, beta, mean, var = w["bn"]
    y = np.maximum((y - mean) / np.sqrt(var + EPS) * gamma + beta, 0)
    fk, fb = w["fc"]
    logits = y.reshape(-1) @ fk + fb
    e = np.exp(logits - logits.max())
    return (e / e.sum()).tolist()


def make(out):
    import h5py
    import torch
    from PIL import Image
    w = weights()
    with h5py.File(os.path.join(out, "fuzz.h5"), "w") as f:
        names = ["input_1", "conv", "bn", "relu", "flatten", "fc", "softmax"]
        f.attrs["layer_names"] = [n.encode() for n in names]
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"2.15.0"
        for n in names:
            g = f.create_group(n)
            roles = KERAS_SHAPES.get(n, [])
            g.attrs["weight_names"] = [f"{n}/{r}:0".encode() for r, _ in roles]
            for (r, _), a in zip(roles, w.get(n, [])):
                g.create_dataset(f"{n}/{r}:0", data=a.astype(np.float32))
    with h5py.File(os.path.join(out, "fuzz.weights.h5"), "w") as f:
        f.create_group("vars")
        for path, n in KERAS3.items():
            g = f.create_group(path).create_group("vars")
            for i, a in enumerate(w[n]):
                g[str(i)] = a.astype(np.float32)
    k, b = w["conv"]
    gamma, beta, mean, var = w["bn"]
    fk, fb = w["fc"]
    state = {
        "conv.weight": k.transpose(3, 2, 0, 1), "conv.bias": b, "bn.weight": gamma, "bn.bias": beta,
        "bn.running_mean": mean, "bn.running_var": var, "fc.weight": fk.T, "fc.bias": fb,
    }
    state = {key: torch.from_numpy(np.ascontiguousarray(v).astype(np.float32)) for key, v in state.items()}
    state["bn.num_batches_tracked"] = torch.tensor(7)
    torch.save(state, os.path.join(out, "fuzz.pth"))
    rng = np.random.default_rng(9)
    Image.fromarray((rng.random((4, 4, 3)) * 255).astype(np.uint8)).save(os.path.join(out, "input.png"))
    noise = Image.fromarray((rng.random((10, 12, 3)) * 255).astype(np.uint8))
    for ext, fmt in [("png", "PNG"), ("jpg", "JPEG"), ("bmp", "BMP"), ("gif", "GIF"), ("webp", "WEBP")]:
        noise.save(os.path.join(out, f"image.{ext}"), fmt)


def finite(w):
    return all(np.isfinite(a).all() for arrays in w.values() for a in arrays)


def float_array(dataset):
    if dataset.dtype.kind != "f" or dataset.dtype.itemsize not in (2, 4, 8):
        raise ValueError(f"dtype {dataset.dtype}")
    return np.asarray(dataset[()], dtype=np.float64)


def keras_legacy(path):
    import h5py
    with h5py.File(path, "r") as f:
        names = [n.decode() if isinstance(n, bytes) else str(n) for n in f.attrs["layer_names"]]
        found = {}
        for n in names:
            g = f[n]
            weight_names = [x.decode() if isinstance(x, bytes) else str(x) for x in g.attrs.get("weight_names", [])]
            if not weight_names:
                continue
            arrays = {}
            for wn in weight_names:
                role = wn.split("/")[-1].split(":")[0]
                arrays[role] = float_array(g[wn])
            found[n] = arrays
        if set(found) != set(KERAS_SHAPES):
            raise ValueError(f"layers {sorted(found)}")
        w = {}
        for n, roles in KERAS_SHAPES.items():
            if set(found[n]) != {r for r, _ in roles}:
                raise ValueError(f"{n} roles {sorted(found[n])}")
            w[n] = [found[n][r] for r, _ in roles]
            if [a.shape for a in w[n]] != [s for _, s in roles]:
                raise ValueError(f"{n} shapes")
        return w


def keras3(path):
    import h5py
    with h5py.File(path, "r") as f:
        found = {}

        def walk(group, prefix):
            for name in group:
                child = group[name]
                if not isinstance(child, h5py.Group):
                    continue
                key = f"{prefix}/{name}"
                if "vars" in child:
                    datasets = {k: v for k, v in child["vars"].items() if isinstance(v, h5py.Dataset)}
                    if datasets:
                        if sorted(datasets) != [str(i) for i in range(len(datasets))]:
                            raise ValueError(f"{key} vars {sorted(datasets)}")
                        found[key] = [float_array(datasets[str(i)]) for i in range(len(datasets))]
                if "layers" in child:
                    walk(child["layers"], f"{key}/layers")

        walk(f["layers"], "layers")
        if set(found) != set(KERAS3):
            raise ValueError(f"layers {sorted(found)}")
        w = {}
        for key, n in KERAS3.items():
            w[n] = found[key]
            if [a.shape for a in w[n]] != [s for _, s in KERAS_SHAPES[n]]:
                raise ValueError(f"{n} shapes")
        return w


def pytorch(path):
    import torch
    state = torch.load(path, map_location="cpu", weights_only=True)
    if not isinstance(state, dict):
        raise ValueError("not a dict")
    for key, value in state.items():
        if not isinstance(key, str) or not isinstance(value, torch.Tensor):
            raise ValueError(f"entry {key!r}")
    for key, shape in TORCH_SHAPES.items():
        if key not in state or tuple(state[key].shape) != shape:
            raise ValueError(f"{key}")
    modules = {k.split(".")[0] for k in TORCH_SHAPES}
    extra = [k for k in state if k not in TORCH_SHAPES and k != "bn.num_batches_tracked" and k.split(".")[0] in modules]
    if extra:
        raise ValueError(f"unexpected {extra}")
    t = {k: state[k].double().numpy() for k in TORCH_SHAPES}
    return {
        "conv": [t["conv.weight"].transpose(2, 3, 1, 0), t["conv.bias"]],
        "bn": [t["bn.weight"], t["bn.bias"], t["bn.running_mean"], t["bn.running_var"]],
        "fc": [t["fc.weight"].T, t["fc.bias"]],
    }


def picture(path, most):
    from PIL import Image
    Image.MAX_IMAGE_PIXELS = None
    with Image.open(path) as im:
        if im.width * im.height > most:
            raise ValueError(f"{im.width}x{im.height} pixels")
        im.load()


def judge(kind, directory, most):
    os.environ.setdefault("FUZZ_DIR", directory)
    reader = {"keras legacy h5": keras_legacy, "keras3 weights.h5": keras3, "pytorch zip": pytorch, "pytorch pickle": pytorch}.get(kind)
    if reader is not None:
        # What the undamaged file gives: a file the outside tool refuses may load only with these values.
        pristine = {n: [a.astype(np.float32).astype(np.float64) for a in arrays] for n, arrays in weights().items()}
        print(json.dumps({"file": "pristine", "loads": True, "why": None, "probabilities": forward(pristine)}), flush=True)
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if not name.startswith("case"):
            continue
        result = {"file": name, "loads": False, "why": None}
        try:
            if reader is None:
                picture(path, most)
                result["loads"] = True
            else:
                w = reader(path)
                if not finite(w):
                    result["why"] = "NaN or Inf"
                else:
                    result["loads"] = True
                    result["probabilities"] = forward(w)
        except Exception as e:  # any refusal is an outcome
            result["why"] = f"{type(e).__name__}: {e}"[:200]
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2])
    else:
        judge(sys.argv[2], sys.argv[3], int(sys.argv[4]))
