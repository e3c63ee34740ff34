using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// torchvision 0.14's <c>convnext_tiny</c> (<c>torchvision/models/convnext.py</c>) in plain TorchSharp: the 4x4/4
/// stem convolution and a LayerNorm over the channels, stages of 3, 3, 9 and 3 <see cref="HandCNBlock"/> blocks at
/// 96, 192, 384 and 768 channels with stochastic depth rising as 0.1 x block / 17, a LayerNorm and a 2x2/2 convolution
/// between stages, then average pooling, LayerNorm and a Linear classifier. Every LayerNorm has eps 1e-6; on an image
/// it is torchvision's <c>LayerNorm2d</c>, the channels moved last and back.
/// </summary>
public sealed class HandConvNeXtTiny : HandWrittenNetwork
{
    private const double StochasticDepth = 0.1;
    private static readonly int[] Depths = [3, 3, 9, 3];
    private static readonly long[] Dims = [96, 192, 384, 768];
    private readonly Conv2d stemConv;
    private readonly LayerNorm stemNorm;
    private readonly ModuleList<ModuleList<HandCNBlock>> stages;
    private readonly ModuleList<LayerNorm> downsampleNorms;
    private readonly ModuleList<Conv2d> downsampleConvs;
    private readonly LayerNorm headNorm;
    private readonly Linear classifier;

    /// <summary>Creates the module for 3-channel inputs.</summary>
    /// <param name="classes">Outputs of the classifier.</param>
    public HandConvNeXtTiny(int classes = 1000)
        : base("hand_convnext_tiny")
    {
        stemConv = nn.Conv2d(3, Dims[0], 4, stride: 4);
        stemNorm = nn.LayerNorm(Dims[0], eps: HandCNBlock.Epsilon);
        var built = new List<ModuleList<HandCNBlock>>();
        var norms = new List<LayerNorm>();
        var convs = new List<Conv2d>();
        double total = Depths.Sum();
        int block = 0;
        for (int stage = 0; stage < Depths.Length; stage++)
        {
            var units = new List<HandCNBlock>();
            for (int j = 0; j < Depths[stage]; j++)
            {
                // torchvision's sd_prob: stochastic_depth_prob * stage_block_id / (total_stage_blocks - 1.0).
                units.Add(new HandCNBlock($"features.{(2 * stage) + 1}.{j}", Dims[stage], StochasticDepth * block++ / (total - 1)));
            }

            built.Add(nn.ModuleList(units.ToArray()));
            if (stage < Depths.Length - 1)
            {
                norms.Add(nn.LayerNorm(Dims[stage], eps: HandCNBlock.Epsilon));
                convs.Add(nn.Conv2d(Dims[stage], Dims[stage + 1], 2, stride: 2));
            }
        }

        stages = nn.ModuleList(built.ToArray());
        downsampleNorms = nn.ModuleList(norms.ToArray());
        downsampleConvs = nn.ModuleList(convs.ToArray());
        headNorm = nn.LayerNorm(Dims[^1], eps: HandCNBlock.Epsilon);
        classifier = nn.Linear(Dims[^1], classes);
        RegisterComponents();
    }

    /// <summary>The classifier's scores, as torchvision's model and the zoo's network end: no softmax.</summary>
    public override Tensor forward(Tensor input) => Logits(input);

    /// <inheritdoc />
    public override Tensor Logits(Tensor input)
    {
        Tensor x;
        using (var stem = stemConv.call(input))
        {
            x = ChannelsNorm(stemNorm, stem);
        }

        for (int stage = 0; stage < stages.Count; stage++)
        {
            foreach (var block in stages[stage])
            {
                using var previous = x;
                x = block.call(previous);
            }

            if (stage < downsampleConvs.Count)
            {
                using var previous = x;
                using var normalised = ChannelsNorm(downsampleNorms[stage], previous);
                x = downsampleConvs[stage].call(normalised);
            }
        }

        // torchvision's LayerNorm2d on the pooled (N, C, 1, 1) map, then flatten: the same as flatten, then LayerNorm.
        using (x)
        {
            using var pooled = x.mean([2, 3]);
            using var normalised = headNorm.call(pooled);
            return classifier.call(normalised);
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Tensor Target, Func<Tensor, Tensor>? Convert)> Targets() =>
    [
        .. WeightAndBias("features.0.0", stemConv.weight!, stemConv.bias!),
        .. WeightAndBias("features.0.1", stemNorm.weight!, stemNorm.bias!),
        .. stages.SelectMany(s => s).SelectMany(b => b.Targets()),
        .. Enumerable.Range(0, downsampleConvs.Count).SelectMany(DownsampleTargets),
        .. WeightAndBias("classifier.0", headNorm.weight!, headNorm.bias!),
        .. WeightAndBias("classifier.2", classifier.weight!, classifier.bias!),
    ];

    // The LayerNorm and the 2x2/2 convolution after stage i are torchvision's features.{2i + 2}.0 and .1.
    private IEnumerable<(string Name, Tensor Target, Func<Tensor, Tensor>? Convert)> DownsampleTargets(int stage) =>
    [
        .. WeightAndBias($"features.{(2 * stage) + 2}.0", downsampleNorms[stage].weight!, downsampleNorms[stage].bias!),
        .. WeightAndBias($"features.{(2 * stage) + 2}.1", downsampleConvs[stage].weight!, downsampleConvs[stage].bias!),
    ];

    // torchvision's LayerNorm2d: the channels moved last for the LayerNorm and back, as a view.
    private static Tensor ChannelsNorm(LayerNorm norm, Tensor x)
    {
        using var channelsLast = x.permute(0, 2, 3, 1);
        using var normalised = norm.call(channelsLast);
        return normalised.permute(0, 3, 1, 2);
    }
}
