using System.Collections.Immutable;

namespace FluentNets.Verification;

/// <summary>
/// How each generated case shrinks when a property fails: every number towards its smallest valid
/// value (sides and channels towards 1, strides, dilations and kernels towards 1, pads towards 0),
/// lists towards fewer elements. Each candidate keeps what its generator promises (a stack still
/// fits its convolutions, a residual still ends where it did, a pool's dilation stays 1, a planted
/// error still fails at the planted layer), so a failing case shrinks to a small one of the same kind.
/// </summary>
internal static class Shrinkers
{
    /// <summary>Smaller convolution cases; fitting or not is the property's business, so any smaller side is a candidate.</summary>
    public static IEnumerable<ConvCase> Shrink(ConvCase c) =>
        Towards1(c.Height).Select(h => c with { Height = h })
            .Concat(Towards1(c.Width).Select(w => c with { Width = w }))
            .Concat(Towards1(c.Channels).Select(n => c with { Channels = n }))
            .Concat(Towards1(c.Filters).Select(n => c with { Filters = n }))
            .Concat(Towards1(c.DepthMultiplier).Select(n => c with { DepthMultiplier = n }))
            .Concat(Shrink(c.Kernel).Select(k => c with { Kernel = k }))
            .Concat(Shrink(c.Stride).Select(s => c with { Stride = s }))
            .Concat(Shrink(c.Dilation).Select(d => c with { Dilation = d }))
            .Concat(Shrink(c.Pads).Select(p => c with { Pads = p }));

    /// <summary>Smaller pooling cases: the default stride first, then smaller numbers.</summary>
    public static IEnumerable<PoolCase> Shrink(PoolCase c) =>
        (c.Stride is { } stride
                ? new[] { c with { Stride = null } }.Concat(Shrink(stride).Select(s => c with { Stride = s }))
                : [])
            .Concat(Towards1(c.Height).Select(h => c with { Height = h }))
            .Concat(Towards1(c.Width).Select(w => c with { Width = w }))
            .Concat(Towards1(c.Channels).Select(n => c with { Channels = n }))
            .Concat(Shrink(c.Pool).Select(p => c with { Pool = p }))
            .Concat(Shrink(c.Pads).Select(p => c with { Pads = p }));

    /// <summary>Smaller SAME cases; a pool keeps dilation 1.</summary>
    public static IEnumerable<SameCase> Shrink(SameCase c) =>
        (c.Stride is { } stride
                ? new[] { c with { Stride = null } }.Concat(Shrink(stride).Select(s => c with { Stride = s }))
                : [])
            .Concat(Towards1(c.Height).Select(h => c with { Height = h }))
            .Concat(Towards1(c.Width).Select(w => c with { Width = w }))
            .Concat(Towards1(c.Channels).Select(n => c with { Channels = n }))
            .Concat(Towards1(c.Filters).Select(n => c with { Filters = n }))
            .Concat(Towards1(c.DepthMultiplier).Select(n => c with { DepthMultiplier = n }))
            .Concat(Shrink(c.Kernel).Select(k => c with { Kernel = k }))
            .Concat(Shrink(c.Dilation).Select(d => c with { Dilation = d }));

    /// <summary>
    /// Smaller residual cases: fewer convolutions, smaller inputs and numbers. A body that ends on the
    /// input's channel count (an identity shortcut) keeps ending on it while the channels shrink.
    /// </summary>
    public static IEnumerable<ResidualCase> Shrink(ResidualCase c)
    {
        bool identityChannels = c.Body[^1].Filters == c.Channels;
        var shorter = c.Body.Length == 1
            ? []
            : Enumerable.Range(0, c.Body.Length - 1).Select(i => c with { Body = c.Body.RemoveAt(i) });
        var fewerChannels = Towards1(c.Channels).Select(n => identityChannels
            ? c with { Channels = n, Body = c.Body.SetItem(c.Body.Length - 1, c.Body[^1] with { Filters = n }) }
            : c with { Channels = n });
        var simplerConvs = c.Body.SelectMany((conv, i) =>
            (conv.BatchNorm ? [conv with { BatchNorm = false }] : Array.Empty<ResidualConv>())
                .Concat(Shrink(conv.Kernel).Select(k => conv with { Kernel = k }))
                .Concat(Shrink(conv.Stride).Select(s => conv with { Stride = s }))
                .Concat(i == c.Body.Length - 1 ? [] : Towards1(conv.Filters).Select(f => conv with { Filters = f }))
                .Select(smaller => c with { Body = c.Body.SetItem(i, smaller) }));
        return shorter
            .Concat(Towards1(c.Height).Select(h => c with { Height = h }))
            .Concat(Towards1(c.Width).Select(w => c with { Width = w }))
            .Concat(fewerChannels)
            .Concat(simplerConvs);
    }

    /// <summary>Smaller concatenations: at least two branches stay, each with smaller numbers.</summary>
    public static IEnumerable<ConcatCase> Shrink(ConcatCase c)
    {
        var fewer = c.Branches.Length <= 2
            ? []
            : Enumerable.Range(0, c.Branches.Length).Select(i => c with { Branches = c.Branches.RemoveAt(i) });
        var simpler = c.Branches.SelectMany((branch, i) =>
            Towards1(branch.Filters).Select(f => branch with { Filters = f })
                .Concat(Towards1(branch.DepthMultiplier).Select(m => branch with { DepthMultiplier = m }))
                .Concat(Shrink(branch.Kernel).Select(k => branch with { Kernel = k }))
                .Concat(Shrink(branch.Stride).Select(s => branch with { Stride = s }))
                .Select(smaller => c with { Branches = c.Branches.SetItem(i, smaller) }));
        return fewer
            .Concat(Towards1(c.Height).Select(h => c with { Height = h }))
            .Concat(Towards1(c.Width).Select(w => c with { Width = w }))
            .Concat(Towards1(c.Channels).Select(n => c with { Channels = n }))
            .Concat(simpler);
    }

    /// <summary>Smaller stacks that still fit unpadded: fewer layers, a smaller kernel, less slack.</summary>
    public static IEnumerable<StackCase> Shrink(StackCase c)
    {
        int slack = c.Size - (1 + (c.Layers * (c.Kernel - 1)));
        StackCase Make(int layers, int kernel, int extra) => new(1 + (layers * (kernel - 1)) + extra, layers, kernel, c.Same);
        return Towards1(c.Layers).Select(n => Make(n, c.Kernel, slack))
            .Concat(Towards1(c.Kernel).Select(k => Make(c.Layers, k, slack)))
            .Concat(Towards0(slack).Select(s => Make(c.Layers, c.Kernel, s)))
            .Concat(c.Same ? [c with { Same = false }] : []);
    }

    /// <summary>Smaller SAME stacks: fewer windows (at least one), smaller inputs and numbers; pools keep dilation 1.</summary>
    public static IEnumerable<WindowStack> Shrink(WindowStack s)
    {
        var fewer = s.Windows.Length == 1
            ? []
            : Enumerable.Range(0, s.Windows.Length).Select(i => s with { Windows = s.Windows.RemoveAt(i) });
        var simpler = s.Windows.SelectMany((window, i) =>
            Shrink(window.Kernel).Select(k => window with { Kernel = k })
                .Concat(Shrink(window.Stride).Select(st => window with { Stride = st }))
                .Concat(Shrink(window.Dilation).Select(d => window with { Dilation = d }))
                .Select(smaller => s with { Windows = s.Windows.SetItem(i, smaller) }));
        return fewer
            .Concat(Towards1(s.Height).Select(h => s with { Height = h }))
            .Concat(Towards1(s.Width).Select(w => s with { Width = w }))
            .Concat(simpler);
    }

    /// <summary>
    /// Smaller invalid networks: the planted error stays where it is and still fails the same way,
    /// while what comes after it (later top-level stages, the Dense layers, the head) goes, as long
    /// as the valid network still builds.
    /// </summary>
    public static IEnumerable<InvalidNetwork> Shrink(InvalidNetwork n)
    {
        int plantedLength = n.Planted.Body.Length, validLength = n.Valid.Body.Length;
        var candidates = new List<InvalidNetwork>();
        if (n.Valid.Head != VectorHead.None)
        {
            candidates.Add(n with
            {
                Valid = n.Valid with { Head = VectorHead.None, Dense = [] },
                Planted = n.Planted with { Head = VectorHead.None, Dense = [] },
            });
        }

        candidates.AddRange(n.Valid.Dense.Select((_, i) => n with
        {
            Valid = n.Valid with { Dense = n.Valid.Dense.RemoveAt(i) },
            Planted = n.Planted with { Dense = n.Planted.Dense.RemoveAt(i) },
        }));
        // The last top-level stage goes from both when it comes after the planted site: then it is
        // the same stage in both networks (planting inserts at or replaces the stage at Index).
        if (plantedLength - 1 > n.Index && validLength > 0 && n.Valid.Body[^1] == n.Planted.Body[^1])
        {
            candidates.Add(n with
            {
                Valid = n.Valid with { Body = n.Valid.Body.RemoveAt(validLength - 1) },
                Planted = n.Planted with { Body = n.Planted.Body.RemoveAt(plantedLength - 1) },
            });
        }

        return candidates.Where(c => c.Valid.Expected().Builds && c.Planted.Expected().Failure == n.PlantedLayer);
    }

    private static IEnumerable<Size2> Shrink(Size2 size) =>
        Towards1(size.H).Select(h => new Size2(h, size.W)).Concat(Towards1(size.W).Select(w => new Size2(size.H, w)));

    private static IEnumerable<ExplicitPadding> Shrink(ExplicitPadding pads) =>
        (pads.Top + pads.Bottom + pads.Left + pads.Right == 0 ? Array.Empty<ExplicitPadding>() : [new ExplicitPadding(0, 0, 0, 0)])
            .Concat(Towards0(pads.Top).Select(p => pads with { Top = p }))
            .Concat(Towards0(pads.Bottom).Select(p => pads with { Bottom = p }))
            .Concat(Towards0(pads.Left).Select(p => pads with { Left = p }))
            .Concat(Towards0(pads.Right).Select(p => pads with { Right = p }))
            .Distinct();

    /// <summary>1 first, then halfway, then one less: FsCheck tries them in order and keeps the first that still fails.</summary>
    private static IEnumerable<int> Towards1(int value) => Towards(value, 1);

    private static IEnumerable<int> Towards0(int value) => Towards(value, 0);

    private static IEnumerable<int> Towards(int value, int floor) =>
        value <= floor ? [] : new[] { floor, floor + ((value - floor) / 2), value - 1 }.Where(v => v < value).Distinct();
}
