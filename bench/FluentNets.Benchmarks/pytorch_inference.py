#!/usr/bin/env python3
"""Inference peer of the FluentNets benchmark harness: PyTorch running FluentNets' own model.py export.

For each case (a folder with the model.py and weights.safetensors that FluentNets' PyTorch export
wrote, a batch, and a file of raw float32 input), runs the batch under torch.no_grad() eagerly, and
again after torch.jit.trace, torch.jit.freeze and torch.jit.optimize_for_inference (which fold
BatchNorm into convolutions and hand the graph to oneDNN with prepacked weights). Both are timed
as the harness times its own contenders (pytorch_peer.measure) and their outputs are written as raw
float32 for the harness to compare. Prints one JSON object; {"error": ...} when PyTorch cannot be
imported. With --memory eager|jit it loads one case in this fresh process, runs one batch and prints
the resident set before the model, at its peak, and after, instead.
"""

import argparse
import importlib.util
import json
import os
import sys

from pytorch_peer import measure, torch


def load(case, index):
    """The exported model with its weights, in eval mode."""
    spec = importlib.util.spec_from_file_location(f"fluentnets_export_{index}", os.path.join(case["folder"], "model.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.Model()
    module.load_weights(model, os.path.join(case["folder"], "weights.safetensors"))
    return model.eval()


def batch(case):
    with open(case["input"], "rb") as file:
        data = bytearray(file.read())
    return torch.frombuffer(data, dtype=torch.float32).reshape(case["batch"], *case["shape"])


def frozen(model, x):
    """torch.jit.trace, then torch.jit.freeze, then torch.jit.optimize_for_inference."""
    with torch.no_grad():
        return torch.jit.optimize_for_inference(torch.jit.freeze(torch.jit.trace(model, x)))


def write(path, y):
    with open(path, "wb") as file:
        file.write(y.detach().contiguous().to(torch.float32).numpy().tobytes())


def run_case(case, index, args):
    model = load(case, index)
    x = batch(case)

    def eager():
        with torch.no_grad():
            return model(x)

    result = {"model": case["model"], "batch": case["batch"]}
    write(case["outputs"]["pyTorch"], eager())
    result["pyTorch"] = measure(eager, args)
    try:
        optimized = frozen(model, x)

        def jit():
            with torch.no_grad():
                return optimized(x)

        write(case["outputs"]["pyTorchJit"], jit())
        result["pyTorchJit"] = measure(jit, args)
    except Exception as error:  # the harness shows why in its table
        result["pyTorchJitError"] = f"{type(error).__name__}: {error}".splitlines()[0]
    return result


def resident(field):
    """A VmRSS or VmHWM line of /proc/self/status, in KiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


def memory(case, contender):
    baseline = resident("VmRSS")
    model = load(case, 0)
    x = batch(case)
    run = frozen(model, x) if contender == "jit" else model
    with torch.no_grad():
        run(x)
    return {"baseline_kib": baseline, "peak_kib": resident("VmHWM"), "after_kib": resident("VmRSS")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--warmups", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--min-repeats", type=int, default=10)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds of timed runs after which no repeat starts")
    parser.add_argument("--cases", required=True, help='JSON list of {"model", "batch", "shape", "folder", "input", "outputs": {"pyTorch", "pyTorchJit"}}')
    parser.add_argument("--memory", choices=["eager", "jit"], help="measure the resident set of the first case instead of timing")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    cases = json.loads(args.cases)
    if args.memory:
        print(json.dumps(memory(cases[0], args.memory)))
        return
    print(json.dumps({
        "torch": torch.__version__,
        "python": sys.version.split()[0],
        "threads": torch.get_num_threads(),
        "cases": [run_case(case, index, args) for index, case in enumerate(cases)],
    }))


if __name__ == "__main__":
    main()
