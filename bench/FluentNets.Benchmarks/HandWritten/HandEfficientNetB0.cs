using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// torchvision 0.14's <c>efficientnet_b0</c> (<c>torchvision/models/efficientnet.py</c>) in plain TorchSharp: the
/// 3x3/2 stem to 32 channels with SiLU, sixteen <see cref="HandMBConv"/> blocks in seven stages with stochastic depth
/// rising as 0.2 x block / 16, a 1x1 convolution to 1280 with SiLU, average pooling, dropout 0.2 and a Linear
/// classifier. BatchNorm is PyTorch's default (eps 1e-5, momentum 0.1), as torchvision's B0.
/// </summary>
public sealed class HandEfficientNetB0 : HandFeaturesClassifier
{
    private const double StochasticDepth = 0.2;

    // torchvision's bneck_conf for B0: expand ratio, kernel, stride, input channels, output channels, layers.
    private static readonly (long Expand, long Kernel, long Stride, long Inputs, long Outputs, int Layers)[] Stages =
    [
        (1, 3, 1, 32, 16, 1),
        (6, 3, 2, 16, 24, 2),
        (6, 5, 2, 24, 40, 2),
        (6, 3, 2, 40, 80, 3),
        (6, 5, 1, 80, 112, 3),
        (6, 5, 2, 112, 192, 4),
        (6, 3, 1, 192, 320, 1),
    ];

    /// <summary>Creates the module for 3-channel inputs.</summary>
    /// <param name="classes">Outputs of the classifier.</param>
    public HandEfficientNetB0(int classes = 1000)
        : base(
            "hand_efficientnet_b0",
            new HandConvNormActivation(3, Stages[0].Inputs, 3, Silu, stride: 2),
            Blocks(),
            new HandConvNormActivation(Stages[^1].Outputs, 4 * Stages[^1].Outputs, 1, Silu),
            Stages.Length + 1,
            4 * Stages[^1].Outputs,
            dropout: 0.2,
            classes)
    {
    }

    /// <summary>SiLU into a new tensor, EfficientNet's activation.</summary>
    public static Tensor Silu(Tensor x) => F.silu(x);

    private static IEnumerable<HandBlock> Blocks()
    {
        double total = Stages.Sum(s => s.Layers);
        int block = 0;
        for (int s = 0; s < Stages.Length; s++)
        {
            var (expand, kernel, stride, inputs, outputs, layers) = Stages[s];
            for (int j = 0; j < layers; j++)
            {
                // torchvision's sd_prob: stochastic_depth_prob * stage_block_id / total_stage_blocks.
                double rate = StochasticDepth * block++ / total;
                yield return new HandMBConv($"features.{s + 1}.{j}", j == 0 ? inputs : outputs, outputs, expand, kernel, j == 0 ? stride : 1, rate);
            }
        }
    }
}
