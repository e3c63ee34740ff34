namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// torchvision 0.14's <c>mobilenet_v2</c> (<c>torchvision/models/mobilenetv2.py</c>) in plain TorchSharp: the 3x3/2
/// stem to 32 channels, seventeen <see cref="HandInvertedResidual"/> blocks, a 1x1 convolution to 1280, each with
/// BatchNorm (eps 1e-5, momentum 0.1) and ReLU6, then average pooling, dropout 0.2 and a Linear classifier.
/// </summary>
public sealed class HandMobileNetV2 : HandFeaturesClassifier
{
    private const long StemChannels = 32;
    private const long LastChannels = 1280;

    // torchvision's inverted_residual_setting: expansion t, channels c, repeats n, first stride s.
    private static readonly (long Expansion, long Channels, int Repeats, long Stride)[] Setting =
    [
        (1, 16, 1, 1),
        (6, 24, 2, 2),
        (6, 32, 3, 2),
        (6, 64, 4, 2),
        (6, 96, 3, 1),
        (6, 160, 3, 2),
        (6, 320, 1, 1),
    ];

    /// <summary>Creates the module for 3-channel inputs.</summary>
    /// <param name="classes">Outputs of the classifier.</param>
    public HandMobileNetV2(int classes = 1000)
        : base(
            "hand_mobilenet_v2",
            new HandConvNormActivation(3, StemChannels, 3, HandInvertedResidual.Relu6, stride: 2),
            Blocks(),
            new HandConvNormActivation(Setting[^1].Channels, LastChannels, 1, HandInvertedResidual.Relu6),
            Setting.Sum(s => s.Repeats) + 1,
            LastChannels,
            dropout: 0.2,
            classes)
    {
    }

    private static IEnumerable<HandBlock> Blocks()
    {
        long channels = StemChannels;
        int index = 1;
        foreach (var (expansion, outputs, repeats, stride) in Setting)
        {
            for (int i = 0; i < repeats; i++)
            {
                yield return new HandInvertedResidual($"features.{index++}", channels, outputs, i == 0 ? stride : 1, expansion);
                channels = outputs;
            }
        }
    }
}
