#!/usr/bin/env python3
"""PyTorch peer of the FluentNets benchmark harness (bench/FluentNets.Benchmarks).

Runs the harness's libtorch cases on seed 000's LeNet-5 and ResNet50, written here in plain
PyTorch with the same layers as FluentNets builds them (conv biases, Keras BatchNorm settings,
unpadded stem pool, 7x7 average pool), on torchvision's own mobilenet_v2, efficientnet_b0,
convnext_tiny and resnext50_32x4d (random initialisation), and a 2048 x 2048 float32 matmul. Timing follows the
harness: warm-ups, then timed runs until --repeats or --budget seconds (never fewer than
--min-repeats), median and quartiles of wall-clock time with linear interpolation, median
process CPU time. Prints one JSON object on stdout;
{"error": ...} when PyTorch cannot be imported.
"""

import argparse
import json
import sys
import time

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError as error:  # the harness shows this in its table and skips the column
    print(json.dumps({"error": f"PyTorch is not installed for {sys.executable}: {error}"}))
    sys.exit(3)

LEARNING_RATE = 0.01


def batch_norm(features):
    """Keras's BatchNormalization defaults: epsilon 1e-3, momentum 0.99 (PyTorch's 0.01)."""
    return nn.BatchNorm2d(features, eps=1e-3, momentum=0.01)


class LeNet5(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, classes)

    def forward(self, x):
        return F.softmax(self.logits(x), dim=1)

    def logits(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.flatten(1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


class Bottleneck(nn.Module):
    def __init__(self, inputs, filters, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inputs, filters, 1, stride=stride)
        self.bn1 = batch_norm(filters)
        self.conv2 = nn.Conv2d(filters, filters, 3, padding=1)
        self.bn2 = batch_norm(filters)
        self.conv3 = nn.Conv2d(filters, 4 * filters, 1)
        self.bn3 = batch_norm(4 * filters)
        self.shortcut = None
        if stride != 1 or inputs != 4 * filters:
            self.shortcut = nn.Sequential(nn.Conv2d(inputs, 4 * filters, 1, stride=stride), batch_norm(4 * filters))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = F.relu(self.bn2(self.conv2(y)))
        y = self.bn3(self.conv3(y))
        return F.relu(y + (x if self.shortcut is None else self.shortcut(x)))


class ResNet50(nn.Module):
    def __init__(self, classes=1000):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, stride=2)
        self.bn1 = batch_norm(64)
        blocks, channels = [], 64
        for stage, count in enumerate([3, 4, 6, 3]):
            filters = 64 << stage
            for block in range(count):
                blocks.append(Bottleneck(channels, filters, 2 if block == 0 and stage > 0 else 1))
                channels = 4 * filters
        self.blocks = nn.Sequential(*blocks)
        self.fc = nn.Linear(channels, classes)

    def forward(self, x):
        return F.softmax(self.logits(x), dim=1)

    def logits(self, x):
        x = F.pad(x, (3, 3, 3, 3))
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 3, 2)
        x = self.blocks(x)
        x = F.avg_pool2d(x, 7).flatten(1)
        return self.fc(x)


class TorchVision(nn.Module):
    """A torchvision classifier with the peer's interface; it ends in the scores, as torchvision's and the zoo's do."""

    def __init__(self, build):
        super().__init__()
        self.model = build()

    def forward(self, x):
        return self.model(x)

    def logits(self, x):
        return self.model(x)


def torchvision_model(name):
    def build():
        import torchvision  # only the torchvision cases need it

        return TorchVision(getattr(torchvision.models, name))

    return build


MODELS = {
    "lenet5": LeNet5,
    "resnet50": ResNet50,
    "tv-mobilenet-v2": torchvision_model("mobilenet_v2"),
    "tv-efficientnet-b0": torchvision_model("efficientnet_b0"),
    "tv-convnext-tiny": torchvision_model("convnext_tiny"),
    "tv-resnext50-32x4d": torchvision_model("resnext50_32x4d"),
}


def quantile(ordered, q):
    position = q * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (position - below) * (ordered[above] - ordered[below])


def measure(run, args):
    for _ in range(args.warmups):
        run()
    samples, cpu, started = [], [], time.perf_counter()
    while len(samples) < args.repeats and (len(samples) < args.min_repeats or time.perf_counter() - started < args.budget):
        cpu_start = time.process_time()
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - cpu_start) * 1000)
    ordered = sorted(samples)
    return {
        "median_ms": quantile(ordered, 0.5),
        "q1_ms": quantile(ordered, 0.25),
        "q3_ms": quantile(ordered, 0.75),
        "repeats": len(ordered),
        "cpu_median_ms": quantile(sorted(cpu), 0.5),
    }


def run_case(case, args):
    torch.manual_seed(7)
    model = MODELS[case["model"]]()
    x = torch.randn(case["batch"], case["channels"], case["size"], case["size"])
    labels = torch.randint(10, (case["batch"],))
    if case["training"]:
        model.train()
        optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)

        def step():
            optimizer.zero_grad()
            loss = F.cross_entropy(model.logits(x), labels)
            loss.backward()
            optimizer.step()
    else:
        model.eval()

        def step():
            with torch.no_grad():
                model(x)
    return dict(case, **measure(step, args))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--warmups", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--min-repeats", type=int, default=10)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds of timed runs after which no repeat starts")
    parser.add_argument("--cases", required=True, help='JSON list of {"model", "training", "batch", "size", "channels"}')
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    a, b = torch.randn(2048, 2048), torch.randn(2048, 2048)
    matmul = measure(lambda: torch.mm(a, b), args)
    matmul["gflops"] = 2 * 2048 ** 3 / (matmul["median_ms"] * 1e6)
    cases = [run_case(case, args) for case in json.loads(args.cases)]
    print(json.dumps({
        "torch": torch.__version__,
        "python": sys.version.split()[0],
        "threads": torch.get_num_threads(),
        "mkldnn": torch.backends.mkldnn.is_available(),
        "matmul": matmul,
        "cases": cases,
    }))


if __name__ == "__main__":
    main()
