namespace FluentNets.Zoo;

/// <content>The mobile and efficient families: MobileNet v1 to v3, EfficientNet and EfficientNetV2, MNASNet.</content>
public static partial class ModelZoo
{
    private static ZooModel[] Mobile()
    {
        // torchvision's published crop size of each EfficientNet's weights, B0 to B7.
        int[] torchVisionSizes = [224, 240, 288, 300, 380, 456, 528, 600];
        return
        [
            new("mobilenet", "MobileNet", "MobileNet as in keras.applications: 13 depthwise-separable blocks with ReLU6, a 1x1 conv head (alpha and depth multiplier: MobileNet.Build)", Shape.Image(224, 224, 3), 1000,
                (input, top) => MobileNet.Build(input, top.Classes, top.IncludeTop, top.Pooling)),
            new("mobilenet-v2", "MobileNetV2", "MobileNetV2 as in keras.applications: inverted residuals with linear bottlenecks, correct_pad before stride 2 (alpha: MobileNetV2.Build)", Shape.Image(224, 224, 3), 1000,
                (input, top) => MobileNetV2.Build(input, top.Classes, top.IncludeTop, top.Pooling)),
            new("tv-mobilenet-v2", "MobileNetV2", "MobileNetV2 as torchvision 0.14 (state_dict keys as torchvision's)", Shape.Image(224, 224, 3), 1000,
                (input, top) => TorchVisionMobileNet.V2(input, top.Classes, top.IncludeTop, top.Pooling)),
            new("mobilenet-v3-small", "MobileNetV3", "MobileNetV3-Small as in keras.applications: in-model rescaling, 5x5 depthwise, hard-swish, squeeze-excite with a hard-sigmoid gate (MobileNetV3.BuildSmall)", Shape.Image(224, 224, 3), 1000,
                (input, top) => MobileNetV3.BuildSmall(input, top.Classes, top.IncludeTop, top.Pooling)),
            new("mobilenet-v3-large", "MobileNetV3", "MobileNetV3-Large as in keras.applications (alpha, minimalistic, include_preprocessing: MobileNetV3.BuildLarge)", Shape.Image(224, 224, 3), 1000,
                (input, top) => MobileNetV3.BuildLarge(input, top.Classes, top.IncludeTop, top.Pooling)),
            new("tv-mobilenet-v3-small", "MobileNetV3", "MobileNetV3-Small as torchvision 0.14: Linear head, BatchNorm eps 1e-3", Shape.Image(224, 224, 3), 1000,
                (input, top) => TorchVisionMobileNet.V3Small(input, top.Classes, top.IncludeTop, top.Pooling)),
            new("tv-mobilenet-v3-large", "MobileNetV3", "MobileNetV3-Large as torchvision 0.14: Linear head, BatchNorm eps 1e-3", Shape.Image(224, 224, 3), 1000,
                (input, top) => TorchVisionMobileNet.V3Large(input, top.Classes, top.IncludeTop, top.Pooling)),
            .. Enumerable.Range(0, 8).Select(b => new ZooModel(
                $"efficientnet-b{b}", "EfficientNet", $"EfficientNetB{b} as in keras.applications: in-model rescaling and Normalization, MBConv with squeeze-excite and stochastic depth", Shape.Image(EfficientNet.Scalings[b].Size, EfficientNet.Scalings[b].Size, 3), 1000,
                (input, top) => EfficientNet.Build(b, input, top.Classes, top.IncludeTop, top.Pooling))),
            .. Enumerable.Range(0, 8).Select(b => new ZooModel(
                $"tv-efficientnet-b{b}", "EfficientNet", $"EfficientNet-B{b} as torchvision 0.14" + (b >= 5 ? ": BatchNorm eps 1e-3, momentum 0.01" : ""), Shape.Image(torchVisionSizes[b], torchVisionSizes[b], 3), 1000,
                (input, top) => TorchVisionEfficientNet.V1(b, input, top.Classes, top.IncludeTop, top.Pooling))),
            .. new[] { "b0", "b1", "b2", "b3", "s", "m", "l" }.Select(v => new ZooModel(
                $"efficientnet-v2-{v}", "EfficientNetV2", $"EfficientNetV2{v.ToUpperInvariant()} as in keras.applications: FusedMBConv then MBConv, SAME at stride 2", Shape.Image(EfficientNetV2.Variants[v].Size, EfficientNetV2.Variants[v].Size, 3), 1000,
                (input, top) => EfficientNetV2.Build(v, input, top.Classes, top.IncludeTop, top.Pooling))),
            .. new[] { ("s", 384), ("m", 480), ("l", 480) }.Select(v => new ZooModel(
                $"tv-efficientnet-v2-{v.Item1}", "EfficientNetV2", $"EfficientNetV2-{v.Item1.ToUpperInvariant()} as torchvision 0.14", Shape.Image(v.Item2, v.Item2, 3), 1000,
                (input, top) => TorchVisionEfficientNet.V2(v.Item1, input, top.Classes, top.IncludeTop, top.Pooling))),
            .. new[] { ("0-5", 0.5), ("0-75", 0.75), ("1-0", 1.0), ("1-3", 1.3) }.Select(m => new ZooModel(
                $"tv-mnasnet{m.Item1}", "MNASNet", $"MNASNet-B1 as torchvision 0.14, depth multiplier {m.Item1.Replace('-', '.')}", Shape.Image(224, 224, 3), 1000,
                (input, top) => TorchVisionMnasNet.Build(m.Item2, input, top.Classes, top.IncludeTop, top.Pooling))),
        ];
    }
}
