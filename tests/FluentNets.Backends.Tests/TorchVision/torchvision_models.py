"""Writes, for each torchvision model named on the command line, a randomly initialised state dict
(BatchNorm statistics and affine parameters randomised, eval mode) and the model's output for a fixed
input, so that FluentNets can be checked against torchvision itself.

usage: torchvision_models.py OUT_DIR [layers] NAME:HEIGHT:CLASSES ...

Writes OUT_DIR/NAME.pth (torch.save of the state dict), OUT_DIR/NAME.io.pt (a dict with "input",
"output", "features" (the last feature map, before the pooling and the classifier), "params" and
"features_params", the trainable parameter counts of the model and of its feature extractor as
thousands and units, and for resnet18 "layer3" and "avgpool", those modules' outputs) and, for resnet18, OUT_DIR/resnet18.safetensors
laid out as safetensors.torch.save_file lays it out (num_batches_tracked as I64). With "layers", also
OUT_DIR/layers.pt: a fixed 2x3x7x9 input and what PyTorch's pooling and flattening make of it.
"""
import json
import struct
import sys

import torch
import torchvision


def randomise_batchnorm(model, generator):
    for module in model.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            c = module.num_features
            module.running_mean.copy_(torch.randn(c, generator=generator) * 0.2)
            module.running_var.copy_(torch.rand(c, generator=generator) + 0.5)
            module.weight.data.copy_(torch.rand(c, generator=generator) + 0.5)
            module.bias.data.copy_(torch.randn(c, generator=generator) * 0.2)
            module.num_batches_tracked.fill_(7)


def save_safetensors(path, state):
    dtypes = {torch.float32: "F32", torch.int64: "I64"}
    header, blobs, offset = {}, [], 0
    for key, tensor in state.items():
        data = tensor.contiguous().numpy().tobytes()
        header[key] = {"dtype": dtypes[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def layers(out):
    F = torch.nn.functional
    x = torch.randn(2, 3, 7, 9, generator=torch.Generator().manual_seed(3))
    torch.save({
        "input": x,
        "max_ceil": F.max_pool2d(x, 3, 2, 1, ceil_mode=True),
        "max_ceil_last_in_padding": F.max_pool2d(x, 2, 2, 1, ceil_mode=True),
        "avg_ceil_count_pad": F.avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=True),
        "avg_ceil": F.avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=False),
        "avg_count_pad": F.avg_pool2d(x, 3, 1, 1, count_include_pad=True),
        "avg_2x2_ceil_count_pad": F.avg_pool2d(x, 2, 2, 1, ceil_mode=True, count_include_pad=True),
        "avg_unpadded_ceil": F.avg_pool2d(x, 2, 2, 0, ceil_mode=True),
        "max_ceil_past_input": F.max_pool2d(x, 8, 4, 0, ceil_mode=True),
        "avg_ceil_past_input": F.avg_pool2d(x, 8, 4, 0, ceil_mode=True),
        "adaptive_4x6": F.adaptive_avg_pool2d(x, (4, 6)),
        "adaptive_3x5": F.adaptive_avg_pool2d(x, (3, 5)),
        "adaptive_9x11": F.adaptive_avg_pool2d(x, (9, 11)),
        "flatten": torch.flatten(x, 1),
    }, f"{out}/layers.pt")


# The module whose output is the last feature map, where a model without its top ends (Keras's
# include_top=False; torchvision's avgpool, dropout and fc, or classifier, follow it).
FEATURES = {"resnet18": "layer4", "resnet34": "layer4", "resnet50": "layer4", "resnet101": "layer4", "resnet152": "layer4",
            "alexnet": "features", "vgg16": "features", "googlenet": "inception5b", "inception_v3": "Mixed_7c"}
FEATURES.update({name: "layer4" for name in ("resnext50_32x4d", "resnext101_32x8d", "resnext101_64x4d", "wide_resnet50_2", "wide_resnet101_2")})
FEATURES.update({f"regnet_{kind}_{size}": "trunk_output" for kind, size in
                 [(kind, size) for kind in "xy" for size in ("400mf", "800mf", "1_6gf", "3_2gf", "8gf", "16gf", "32gf")] + [("y", "128gf")]})
FEATURES.update({f"shufflenet_v2_{width}": "conv5" for width in ("x0_5", "x1_0", "x1_5", "x2_0")})
FEATURES.update({name: "features" for name in ("squeezenet1_0", "squeezenet1_1", "densenet121", "densenet161", "densenet169", "densenet201",
                                               "convnext_tiny", "convnext_small", "convnext_base", "convnext_large",
                                               "vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16_bn", "vgg19", "vgg19_bn")})
FEATURES.update({name: "features" for name in ["mobilenet_v2", "mobilenet_v3_small", "mobilenet_v3_large"]
                 + [f"efficientnet_b{i}" for i in range(8)] + [f"efficientnet_v2_{v}" for v in "sml"]})
FEATURES.update({f"mnasnet{alpha}": "layers" for alpha in ["0_5", "0_75", "1_0", "1_3"]})

# The heads' parameters: what the feature extractor leaves out.
HEADS = ("fc.", "classifier.", "aux1.", "aux2.", "AuxLogits.")

# Intermediate outputs of resnet18 read by name.
RESNET18_LAYERS = [("layer3", "layer3"), ("avgpool", "avgpool")]


def thousands(count):
    return torch.tensor([count // 1000, count % 1000], dtype=torch.float32)


def main():
    out = sys.argv[1]
    torch.set_num_threads(2)
    for spec in sys.argv[2:]:
        if spec == "layers":
            layers(out)
            continue
        name, size, classes = spec.split(":")
        size, classes = int(size), int(classes)
        torch.manual_seed(0)
        generator = torch.Generator().manual_seed(1)
        kwargs = {"weights": None, "num_classes": classes}
        if name in ("googlenet", "inception_v3"):
            kwargs.update(aux_logits=True, init_weights=True, transform_input=False)
        model = getattr(torchvision.models, name)(**kwargs)
        with torch.no_grad():
            randomise_batchnorm(model, generator)
        model.eval()
        x = torch.randn(2, 3, size, size, generator=generator)
        seen = {}
        hooks = [getattr(model, module).register_forward_hook(lambda m, i, o, key=key: seen.__setitem__(key, o.clone()))
                 for key, module in [("features", FEATURES[name])] + (RESNET18_LAYERS if name == "resnet18" else [])]
        with torch.no_grad():
            y = model(x)
        for hook in hooks:
            hook.remove()
        if name.startswith("densenet"):
            # DenseNet's forward applies F.relu to its features before pooling: the last feature map is after it.
            seen["features"] = torch.relu(seen["features"])
        params = sum(p.numel() for p in model.parameters())
        base = sum(p.numel() for key, p in model.named_parameters() if not key.startswith(HEADS))
        state = model.state_dict()
        torch.save(state, f"{out}/{name}.pth")
        io = {"input": x, "output": y, "params": thousands(params), "features_params": thousands(base)}
        io.update(seen)
        torch.save(io, f"{out}/{name}.io.pt")
        if name == "resnet18":
            save_safetensors(f"{out}/{name}.safetensors", state)


main()
