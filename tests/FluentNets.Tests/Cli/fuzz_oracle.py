"""The outside view of FileFuzzingTests: writes the undamaged files, and says of each damaged one what h5py,
PyTorch or PIL make of it, with the probabilities the fuzzing network gives from the values they read.

The network (FileFuzzingTests.Network): a 4x4x3 image, Conv2D 2 filters 3x3 SAME "conv", BatchNormalization
(epsilon 1e-3) "bn", ReLU, Flatten (Keras's H, W, C order), Dense 3 "fc", Softmax.

usage: fuzz_oracle.py make DIR             writes fuzz.h5, fuzz.weights.h5, fuzz.pth, input.png and one image per format
       fuzz_oracle.py hostile DIR          after make: the files of the reported problems, as DIR/case-NAME.EXT
       fuzz_oracle.py judge KIND DIR MAX   one JSON line per file in DIR (sorted by name):
                                             {"file", "loads", "why", "probabilities"} for weights, after one for
                                             "pristine", the undamaged values' probabilities;
                                             {"file", "loads", "why"} for images (MAX: the most pixels allowed);
                                             KIND auto: each file by its extension
"""
import json
import os
import select
import signal
import sys
import time

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


def hostile(out):
    """Valid variants h5py and torch.load read, and hostile files they refuse, each as case-NAME.EXT."""
    import io
    import pickle
    import shutil
    import struct
    import zipfile
    import zlib

    import h5py
    import torch
    from PIL import Image

    def copy(name, target):
        shutil.copy(os.path.join(out, name), os.path.join(out, target))
        return os.path.join(out, target)

    # A dataset that is a soft link to itself; two groups that link to each other; a Keras 3 vars group linked to itself.
    with h5py.File(copy("fuzz.h5", "case-cycle-dataset.h5"), "a") as f:
        del f["conv/conv/kernel:0"]
        f["conv/conv/kernel:0"] = h5py.SoftLink("/conv/conv/kernel:0")
    with h5py.File(copy("fuzz.h5", "case-cycle-groups.h5"), "a") as f:
        del f["conv"]
        f["conv"] = h5py.SoftLink("/other")
        f["other"] = h5py.SoftLink("/conv")
    with h5py.File(copy("fuzz.weights.h5", "case-cycle-vars.weights.h5"), "a") as f:
        del f["layers/conv2d/vars"]
        f["layers/conv2d/vars"] = h5py.SoftLink("/layers/conv2d/vars")
    # A nested model's layers group that is the root's layers group again (a hard link to an ancestor).
    with h5py.File(copy("fuzz.weights.h5", "case-recursive.weights.h5"), "a") as f:
        f["layers/conv2d/layers"] = f["layers"]
    # A dataset declaring 2^30 float32 values, stored as unwritten chunks: a few KB on disk, 4 GiB if read.
    with h5py.File(copy("fuzz.h5", "case-huge-dataset.h5"), "a") as f:
        del f["fc/fc/kernel:0"]
        f.create_dataset("fc/fc/kernel:0", shape=(1024, 1024, 1024), dtype="f4", chunks=(64, 64, 64))
    # Valid variants: fletcher32 chunks across the last axis, float16, big-endian, a user block, NaN and Inf.
    def rewrite(target, **options):
        with h5py.File(os.path.join(out, "fuzz.h5"), "r") as source, h5py.File(os.path.join(out, target), "w", **options.pop("file", {})) as f:
            for key, value in source.attrs.items():
                f.attrs[key] = value
            for layer in source:
                g = f.create_group(layer)
                for key, value in source[layer].attrs.items():
                    g.attrs[key] = value
                def visit(name, obj):
                    if isinstance(obj, h5py.Dataset):
                        data = options.get("change", lambda n, a: a)(f"{layer}/{name}", obj[()])
                        extra = {}
                        if options.get("fletcher32"):
                            extra = {"fletcher32": True, "chunks": data.shape[:-1] + (max(1, data.shape[-1] // 2),)}
                        g.create_dataset(name, data=data.astype(options.get("dtype", data.dtype)), **extra)
                source[layer].visititems(visit)
    rewrite("case-fletcher32.h5", fletcher32=True)
    rewrite("case-float16.h5", dtype=np.float16)
    rewrite("case-big-endian.h5", dtype=">f4")
    rewrite("case-user-block.h5", file={"userblock_size": 512})
    def nan(name, a):
        if name == "fc/fc/kernel:0":
            a = a.copy()
            a[0, 0], a[1, 1] = np.nan, np.inf
        return a
    rewrite("case-nan.h5", change=nan)
    # torch.save's variants: one storage shared at offsets, a transposed (non-contiguous) tensor, nn.Parameter values.
    state = torch.load(os.path.join(out, "fuzz.pth"))
    floats = {k: v for k, v in state.items() if v.is_floating_point()}
    flat = torch.zeros(5 + sum(v.numel() for v in floats.values()))
    shared, at = {}, 5
    for k, v in floats.items():
        shared[k] = flat[at:at + v.numel()].view(v.shape)
        shared[k].copy_(v)
        at += v.numel()
    torch.save({**state, **shared}, os.path.join(out, "case-shared-storage.pth"))
    torch.save({**state, "fc.weight": state["fc.weight"].t().contiguous().t()}, os.path.join(out, "case-non-contiguous.pth"))
    torch.save({k: torch.nn.Parameter(v) if v.is_floating_point() else v for k, v in state.items()}, os.path.join(out, "case-parameters.pth"))
    # A pickle whose first string claims 2^31 - 16 bytes; one that calls os.system; a key with control characters.
    with zipfile.ZipFile(os.path.join(out, "fuzz.pth")) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    name = next(n for n in entries if n.endswith("/data.pkl"))
    def archive(target, data):
        with zipfile.ZipFile(os.path.join(out, target), "w") as z:
            for n, b in entries.items():
                z.writestr(n, data if n == name else b)
    at = entries[name].index(b"X")
    archive("case-long-string.pth", entries[name][:at + 1] + struct.pack("<I", 0x7FFFFFF0) + entries[name][at + 5:])
    class Runs:
        def __reduce__(self):
            return (os.system, ("touch " + os.path.join(out, "ran"),))
    archive("case-runs-code.pth", pickle.dumps({"conv.weight": Runs()}, protocol=2))
    torch.save({**state, "conv.weight\x00\x07\x85": state["conv.weight"]}, os.path.join(out, "case-control-key.pth"))
    # Headers claiming 65535x65535 (PNG, GIF) and 60000x60000 (BMP), in files of a few hundred bytes.
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x80" * 192 for _ in range(4))
    with open(os.path.join(out, "case-huge.png"), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 65535, 65535, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    gif = io.BytesIO()
    Image.new("P", (8, 8)).save(gif, "GIF")
    gif = bytearray(gif.getvalue())
    gif[6:10] = struct.pack("<HH", 65535, 65535)
    descriptor = gif.index(b"\x2c", 13)
    gif[descriptor + 5:descriptor + 9] = struct.pack("<HH", 65535, 65535)
    open(os.path.join(out, "case-huge.gif"), "wb").write(gif)
    bmp = io.BytesIO()
    Image.new("RGB", (8, 8)).save(bmp, "BMP")
    bmp = bytearray(bmp.getvalue())
    bmp[18:26] = struct.pack("<ii", 60000, 60000)
    open(os.path.join(out, "case-huge.bmp"), "wb").write(bmp)
    # Whole headers, damaged pixels: a JPEG cut in half, a PNG whose IDAT CRC is wrong, a BMP missing its last bytes.
    rng = np.random.default_rng(4)
    picture = Image.fromarray((rng.random((24, 24, 3)) * 255).astype(np.uint8))
    jpeg, png, bmp = io.BytesIO(), io.BytesIO(), io.BytesIO()
    picture.save(jpeg, "JPEG")
    picture.save(png, "PNG")
    picture.save(bmp, "BMP")
    open(os.path.join(out, "case-cut.jpg"), "wb").write(jpeg.getvalue()[:len(jpeg.getvalue()) // 2])
    png = bytearray(png.getvalue())
    png[png.index(b"IDAT") + 10] ^= 0xFF
    open(os.path.join(out, "case-bad-crc.png"), "wb").write(png)
    open(os.path.join(out, "case-short.bmp"), "wb").write(bmp.getvalue()[:-200])


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
    t = {k: state[k].detach().double().numpy() for k in TORCH_SHAPES}
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
    readers = {"keras legacy h5": keras_legacy, "keras3 weights.h5": keras3, "pytorch zip": pytorch, "pytorch pickle": pytorch}
    reader = readers.get(kind)
    # Imported once here, not in each forked child.
    import h5py  # noqa: F401
    from PIL import Image  # noqa: F401
    if reader is not None:
        # What the undamaged file gives: a file the outside tool refuses may load only with these values.
        pristine = {n: [a.astype(np.float32).astype(np.float64) for a in arrays] for n, arrays in weights().items()}
        print(json.dumps({"file": "pristine", "loads": True, "why": None, "probabilities": forward(pristine)}), flush=True)
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if not name.startswith("case"):
            continue
        if kind == "auto":
            # By extension, for the hostile files of every format in one folder.
            reader = keras3 if name.endswith(".weights.h5") else keras_legacy if name.endswith(".h5") else pytorch if name.endswith(".pth") else None
        # libhdf5 can die of a damaged file; torch.load, whose thread pools a fork can deadlock, runs in this process.
        judged = isolated(lambda: verdict(reader, path, most)) if reader in (keras_legacy, keras3) else verdict(reader, path, most)
        print(json.dumps({"file": name, **judged}), flush=True)


def verdict(reader, path, most):
    result = {"loads": False, "why": None}
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
    return result


def isolated(judge_one):
    """judge_one() in a forked child: libhdf5 can die of a damaged file, which is a refusal too."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            os.write(write, json.dumps(judge_one()).encode())
        finally:
            os._exit(0)
    os.close(write)
    chunks = []
    deadline = time.monotonic() + 60
    while True:
        ready, _, _ = select.select([read], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            break
        chunk = os.read(read, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    if not chunks:
        return {"loads": False, "why": f"the reader died (wait status {status})"}
    return json.loads(b"".join(chunks))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2])
    elif sys.argv[1] == "hostile":
        hostile(sys.argv[2])
    else:
        judge(sys.argv[2], sys.argv[3], int(sys.argv[4]))
