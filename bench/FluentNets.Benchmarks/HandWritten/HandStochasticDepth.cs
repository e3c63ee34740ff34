using static TorchSharp.torch;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// torchvision's <c>stochastic_depth(input, p, "row", training)</c> (<c>torchvision/ops/stochastic_depth.py</c>;
/// Huang et al., https://arxiv.org/abs/1603.09382) in plain TorchSharp, as EfficientNet's and ConvNeXt's residual
/// blocks call it.
/// </summary>
public static class HandStochasticDepth
{
    /// <summary>
    /// In training, each example of <paramref name="input"/> kept with probability 1 - <paramref name="p"/> and
    /// divided by it, or zeroed; otherwise, or where <paramref name="p"/> is 0, a new handle on the input.
    /// </summary>
    /// <param name="input">A batch, examples on the first axis.</param>
    /// <param name="p">The probability of zeroing an example.</param>
    /// <param name="training">Whether the module is training.</param>
    public static Tensor Row(Tensor input, double p, bool training)
    {
        if (!training || p == 0)
        {
            return input.alias();
        }

        double survival = 1 - p;
        long[] size = [.. Enumerable.Repeat(1L, (int)input.dim())];
        size[0] = input.shape[0];
        using var noise = empty(size, input.dtype, input.device).bernoulli_(survival);
        using var scaled = noise.div_(survival);
        return input.mul(scaled);
    }
}
