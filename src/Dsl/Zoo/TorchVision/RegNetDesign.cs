using System.Collections.Immutable;

namespace FluentNets.Zoo;

/// <summary>
/// A point of the RegNet design space (Radosavovic et al., https://arxiv.org/abs/2003.13678): block widths
/// grow linearly, <c>u_j = w_0 + w_a * j</c> for block j, and are quantised in log space to powers of
/// <see cref="WM"/> times <see cref="W0"/>, rounded to multiples of 8; runs of equal widths are the stages.
/// <see cref="Stages"/> computes them as torchvision 0.14's <c>BlockParams.from_init_params</c> does.
/// </summary>
/// <param name="Depth">Blocks in all (d).</param>
/// <param name="W0">The first block's width (w_0), a multiple of 8.</param>
/// <param name="WA">The slope of the linear widths (w_a).</param>
/// <param name="WM">The width multiplier between stages (w_m), above 1.</param>
/// <param name="GroupWidth">Channels per group of the 3x3 convolutions (g).</param>
/// <param name="SqueezeExcite">RegNetY's squeeze-and-excitation ratio to the block's input width, or null (RegNetX).</param>
public sealed record RegNetDesign(int Depth, int W0, double WA, double WM, int GroupWidth, double? SqueezeExcite = null)
{
    // torchvision's QUANT: widths are multiples of 8.
    private const int Quantum = 8;

    /// <summary>RegNetX-400MF as torchvision builds <c>regnet_x_400mf</c>.</summary>
    public static RegNetDesign X400MF { get; } = new(22, 24, 24.48, 2.54, 16);

    /// <summary>RegNetX-800MF.</summary>
    public static RegNetDesign X800MF { get; } = new(16, 56, 35.73, 2.28, 16);

    /// <summary>RegNetX-1.6GF.</summary>
    public static RegNetDesign X1_6GF { get; } = new(18, 80, 34.01, 2.25, 24);

    /// <summary>RegNetX-3.2GF.</summary>
    public static RegNetDesign X3_2GF { get; } = new(25, 88, 26.31, 2.25, 48);

    /// <summary>RegNetX-8GF.</summary>
    public static RegNetDesign X8GF { get; } = new(23, 80, 49.56, 2.88, 120);

    /// <summary>RegNetX-16GF.</summary>
    public static RegNetDesign X16GF { get; } = new(22, 216, 55.59, 2.1, 128);

    /// <summary>RegNetX-32GF.</summary>
    public static RegNetDesign X32GF { get; } = new(23, 320, 69.86, 2.0, 168);

    /// <summary>RegNetY-400MF: squeeze-and-excitation at a quarter of each block's input width.</summary>
    public static RegNetDesign Y400MF { get; } = new(16, 48, 27.89, 2.09, 8, 0.25);

    /// <summary>RegNetY-800MF.</summary>
    public static RegNetDesign Y800MF { get; } = new(14, 56, 38.84, 2.4, 16, 0.25);

    /// <summary>RegNetY-1.6GF.</summary>
    public static RegNetDesign Y1_6GF { get; } = new(27, 48, 20.71, 2.65, 24, 0.25);

    /// <summary>RegNetY-3.2GF.</summary>
    public static RegNetDesign Y3_2GF { get; } = new(21, 80, 42.63, 2.66, 24, 0.25);

    /// <summary>RegNetY-8GF.</summary>
    public static RegNetDesign Y8GF { get; } = new(17, 192, 76.82, 2.19, 56, 0.25);

    /// <summary>RegNetY-16GF.</summary>
    public static RegNetDesign Y16GF { get; } = new(18, 200, 106.23, 2.48, 112, 0.25);

    /// <summary>RegNetY-32GF.</summary>
    public static RegNetDesign Y32GF { get; } = new(20, 232, 115.89, 2.53, 232, 0.25);

    /// <summary>RegNetY-128GF: 644,812,894 parameters, the largest torchvision classifier.</summary>
    public static RegNetDesign Y128GF { get; } = new(27, 456, 160.83, 2.52, 264, 0.25);

    /// <summary>
    /// The stages: the quantised widths of the <see cref="Depth"/> blocks, equal neighbours run together, then
    /// each stage's width made a multiple of its group width (torchvision's
    /// <c>_adjust_widths_groups_compatibilty</c>, the group width capped at the stage's width). The arithmetic is
    /// torchvision's float32 tensor arithmetic, with its rounding of halves to even.
    /// </summary>
    /// <exception cref="ArgumentException">The parameters are outside the design space (torchvision's "Invalid RegNet settings").</exception>
    public ImmutableArray<RegNetStage> Stages()
    {
        if (WA < 0 || W0 <= 0 || WM <= 1 || W0 % Quantum != 0 || Depth <= 0 || GroupWidth <= 0)
        {
            throw new ArgumentException(
                $"Expected depth > 0, w_0 > 0 and a multiple of {Quantum}, w_a >= 0, w_m > 1 and a group width > 0. Received: {this}.");
        }

        float wa = (float)WA, w0 = W0, logWm = (float)Math.Log(WM), wm = (float)WM;
        var stages = new List<(int Width, int Depth)>();
        for (int j = 0; j < Depth; j++)
        {
            float continuous = j * wa + w0;
            float capacity = Round((float)Math.Log(continuous / w0) / logWm);
            int width = (int)(Round(w0 * (float)Math.Pow(wm, capacity) / Quantum) * Quantum);
            if (stages.Count > 0 && stages[^1].Width == width)
            {
                stages[^1] = (width, stages[^1].Depth + 1);
            }
            else
            {
                stages.Add((width, 1));
            }
        }

        return [.. stages.Select(s => Compatible(s.Width, s.Depth))];
    }

    /// <summary>torchvision's <c>_make_divisible(width, group)</c> with the group capped at the width (bottleneck multiplier 1).</summary>
    private RegNetStage Compatible(int width, int depth)
    {
        int group = Math.Min(GroupWidth, width);
        int divisible = Math.Max(group, (int)(width + group / 2.0) / group * group);
        if (divisible < 0.9 * width)
        {
            divisible += group;
        }

        return new RegNetStage(divisible, depth, group);
    }

    private static float Round(float value) => (float)Math.Round(value, MidpointRounding.ToEven);
}
