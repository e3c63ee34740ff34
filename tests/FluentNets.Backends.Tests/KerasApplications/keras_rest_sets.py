"""The fixture sets of keras_rest.py, and a driver that writes one.

CI: one model per family at the smallest input Keras accepts for it (every family ends in global average
pooling, so the top does not fix the size), with the top and 10 classes. FULL: every model the same way.
NOTOP: one per family without the top, unpooled (NCHW features) and with each pooling.

usage: keras_rest_sets.py ci|full|notop OUT_DIR
"""
import os
import subprocess
import sys

CI = [
    "densenet121:32:10",
    "resnet50-v2:32:10",
    "inception-resnet-v2:75:10",  # 75x75: mixed_7a's stride-2 convolutions take 3x3 to 1x1 (Keras's minimum too)
    "nasnet-mobile:32:10",  # the layers of 224x224 from 19x19 on; Keras accepts 32x32
    "convnext-tiny:32:10",  # a 4x4 stem and three 2x2 downsamplings: 32 -> 8 -> 4 -> 2 -> 1
]

FULL = CI + [
    "densenet169:32:10",
    "densenet201:32:10",
    "resnet101-v2:32:10",
    "resnet152-v2:32:10",
    "nasnet-large:32:10",
    "convnext-small:32:10",
    "convnext-base:32:10",
    "convnext-large:32:10",
    "convnext-xlarge:32:10",
]

NOTOP = [
    "densenet121:32:notop",
    "resnet50-v2:32:notop:max",
    "inception-resnet-v2:75:notop:avg",
    "nasnet-mobile:32:notop",
    "convnext-tiny:32:notop:avg",
]

SETS = {"ci": CI, "full": FULL, "notop": NOTOP}

if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in SETS:
        sys.exit(__doc__)
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "keras_rest.py")
    sys.exit(subprocess.call([sys.executable, script, sys.argv[2], *SETS[sys.argv[1]]]))
