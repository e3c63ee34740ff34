"""The fixture sets of keras_mobile.py: `keras_mobile.py OUT_DIR ci` or `... full`.

48x48 inputs keep every model small and still reach an odd size (3x3) before the last stride-2 stage, so
correct_pad's odd-size branch is exercised as well as TensorFlow SAME's extra bottom/right row at even
sizes. EfficientNet (V1) with the ImageNet structure is written without the top: Keras builds that
structure only for weights="imagenet", which accepts a top at the default size alone.
"""

# One model per family, a few seconds each.
CI = [
    "mobilenet-alpha0.25:48:10",
    "mobilenet-v2-alpha0.35:48:10",
    "mobilenet-v3-small:48:10",
    "efficientnet-b0:48:notop:avg",
    "efficientnet-v2-b0:48:10",
]

# Every model and variant once (a NAME is written to NAME.h5, so each appears once).
FULL = [
    "mobilenet:48:10",
    "mobilenet-alpha0.25:48:10",
    "mobilenet-alpha0.5:48:notop:avg",
    "mobilenet-alpha0.75:48:notop",
    "mobilenet-alpha0.5-dm2:48:10",
    "mobilenet-v2:48:10",
    "mobilenet-v2-alpha0.35:48:10",
    "mobilenet-v2-alpha0.5:48:notop:max",
    "mobilenet-v2-alpha0.75:48:notop:avg",
    "mobilenet-v2-alpha1.3:48:10",
    "mobilenet-v2-alpha1.4:48:notop",
    "mobilenet-v3-small:48:10",
    "mobilenet-v3-small-alpha0.75:48:10",
    "mobilenet-v3-small-minimalistic:48:notop:avg",
    "mobilenet-v3-small-noprep:48:10",
    "mobilenet-v3-large:48:10",
    "mobilenet-v3-large-alpha0.75:48:notop:max",
    "mobilenet-v3-large-minimalistic:48:10",
    "mobilenet-v3-large-minimalistic-noprep:48:notop",
    "efficientnet-b0:48:notop:avg",
    "efficientnet-b0-noimagenet:48:10",
    "efficientnet-b1:48:notop:avg",
    "efficientnet-b2:48:notop:max",
    "efficientnet-b3:48:notop",
    "efficientnet-b4:48:notop:avg",
    "efficientnet-b5:48:notop:avg",
    "efficientnet-b6:48:notop:avg",
    "efficientnet-b7:48:notop:avg",
    "efficientnet-v2-b0:48:10",
    "efficientnet-v2-b1:48:10",
    "efficientnet-v2-b2:48:notop:avg",
    "efficientnet-v2-b3:48:notop",
    "efficientnet-v2-s:48:10",
    "efficientnet-v2-m:48:notop:avg",
    "efficientnet-v2-l:48:notop:max",
]
