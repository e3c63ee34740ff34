using FluentNets.Layers;

namespace FluentNets;

/// <summary>
/// The output-size arithmetic every windowed layer shares: (N - F + 2P) / S + 1 with dilation,
/// TensorFlow's SAME padding, and the strict divisibility rule. Layers call these; none repeats
/// a formula.
/// </summary>
public static class ShapeRules
{
    /// <summary>The extent of a dilated kernel: D(F - 1) + 1.</summary>
    public static int EffectiveKernel(int kernel, int dilation) => dilation * (kernel - 1) + 1;

    /// <summary>
    /// floor((N + P_before + P_after - F_eff) / S) + 1, the output size of a valid or explicitly
    /// padded window. The result is zero or negative when the window does not fit.
    /// </summary>
    public static int OutputSize(int n, int kernel, int stride, int padBefore = 0, int padAfter = 0, int dilation = 1) =>
        FloorDiv(n + padBefore + padAfter - EffectiveKernel(kernel, dilation), stride) + 1;

    /// <summary>
    /// PyTorch's <c>ceil_mode</c> output size of a pooling window: ceil((N + P_before + P_after - F) / S) + 1,
    /// less one when the last window would start in the right padding, (out - 1) S &gt;= N + P_before
    /// (https://github.com/pytorch/pytorch/blob/v1.13.1/aten/src/ATen/native/Pool.h, pooling_output_shape_pad_lr).
    /// A window larger than the padded input by less than the stride still gives one output, over the cells it
    /// covers, as PyTorch's does (SqueezeNet's last 3x3/2 pool on a 2x2 map at torchvision's smallest input).
    /// The result is zero or negative when the window does not fit.
    /// </summary>
    public static int CeilOutputSize(int n, int kernel, int stride, int padBefore = 0, int padAfter = 0)
    {
        int span = n + padBefore + padAfter - kernel;
        int output = -FloorDiv(-span, stride) + 1;
        return output > 1 && (output - 1) * stride >= n + padBefore ? output - 1 : output;
    }

    /// <summary>
    /// The input cells of output <paramref name="i"/> of an adaptive pool from <paramref name="n"/>
    /// cells to <paramref name="output"/>, as PyTorch's <c>AdaptiveAvgPool2d</c> bins them:
    /// start = floor(i N / O), end = ceil((i + 1) N / O), end exclusive.
    /// </summary>
    public static (int Start, int End) AdaptiveBin(int i, int n, int output) =>
        ((int)((long)i * n / output), (int)(((long)(i + 1) * n + output - 1) / output));

    /// <summary>The output size under SAME padding: ceil(N / S).</summary>
    public static int SameOutputSize(int n, int stride) => (n + stride - 1) / stride;

    /// <summary>
    /// TensorFlow's SAME padding along one axis: total = max((out - 1) S + F_eff - N, 0),
    /// before = floor(total / 2), and the odd row or column after.
    /// </summary>
    public static (int Before, int After) SamePadding(int n, int kernel, int stride, int dilation = 1)
    {
        int total = Math.Max((SameOutputSize(n, stride) - 1) * stride + EffectiveKernel(kernel, dilation) - n, 0);
        return (total / 2, total - total / 2);
    }

    /// <summary>Division rounding toward negative infinity, so a window that overhangs gives a size below one.</summary>
    public static int FloorDiv(int a, int b) => (int)Math.Floor((double)a / b);

    /// <summary>
    /// Resolves a window against an image input, or throws <see cref="NetBuildException"/> naming
    /// the layer, the input, the rule with its numbers and a fix.
    /// </summary>
    /// <param name="layer">The layer's name, its input and the network's strictness.</param>
    /// <param name="what">"kernel" or "pool", as the message should say.</param>
    /// <param name="kernel">Kernel size.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="dilation">Dilation.</param>
    /// <param name="padding">The padding the user asked for.</param>
    /// <param name="ceilMode">
    /// PyTorch's <c>ceil_mode</c> for pooling: the sizes follow <see cref="CeilOutputSize"/> and strict
    /// mode lets the last, partial window be; it needs valid or explicit padding.
    /// </param>
    /// <returns>The window with its pads, and the output height and width.</returns>
    /// <exception cref="NetBuildException">The window does not fit, or strict mode finds a remainder.</exception>
    public static (Window2D Window, int Height, int Width) Resolve(
        LayerContext layer, string what, Size2 kernel, Size2 stride, Size2 dilation, Padding padding, bool ceilMode = false)
    {
        layer.Require(
            !ceilMode || padding is not FluentNets.SamePadding,
            "ceil mode is PyTorch's rounding and needs valid or explicit padding; SAME already rounds up. Received: padding=same, ceilMode=true.");
        layer.Require(kernel.H > 0 && kernel.W > 0, $"{what} size must be positive. Received: {what}={kernel}.");
        layer.Require(stride.H > 0 && stride.W > 0, $"stride must be positive. Received: stride={stride}.");
        layer.Require(dilation.H > 0 && dilation.W > 0, $"dilation must be positive. Received: dilation={dilation}.");
        layer.Require(
            padding is not ExplicitPadding e || (e.Top >= 0 && e.Bottom >= 0 && e.Left >= 0 && e.Right >= 0),
            $"padding must not be negative. Received: padding={padding}.");
        Shape input = layer.Input;
        int n = input.Height, m = input.Width;
        ExplicitPadding pads;
        if (padding is SamePadding)
        {
            var (top, bottom) = SamePadding(n, kernel.H, stride.H, dilation.H);
            var (left, right) = SamePadding(m, kernel.W, stride.W, dilation.W);
            if (!layer.Strict)
            {
                return (new Window2D(kernel, stride, dilation, top, bottom, left, right), SameOutputSize(n, stride.H), SameOutputSize(m, stride.W));
            }

            // Strict mode checks SAME windows too, with the pads TensorFlow's rule resolved.
            pads = new ExplicitPadding(top, bottom, left, right);
        }
        else
        {
            pads = padding as ExplicitPadding ?? new ExplicitPadding(0, 0, 0, 0);
        }

        var window = new Window2D(kernel, stride, dilation, pads.Top, pads.Bottom, pads.Left, pads.Right);
        var rows = Axis.Of(n, kernel.H, stride.H, dilation.H, pads.Top, pads.Bottom, ceilMode);
        var cols = Axis.Of(m, kernel.W, stride.W, dilation.W, pads.Left, pads.Right, ceilMode);

        if (rows.Out < 1 || cols.Out < 1)
        {
            string kernelText = dilation is { H: 1, W: 1 }
                ? $"{what} {kernel}"
                : $"{what} {kernel} (dilation {dilation}, effective {window.EffectiveKernel})";
            string mode = padding is ValidPadding ? "valid padding" : $"padding {PadsText(pads)}";
            string fix = padding is ValidPadding ? $"Use pad: Padding.Same or a smaller {what}." : $"Use more padding, pad: Padding.Same or a smaller {what}.";
            throw layer.Fail($"{kernelText} does not fit input {input} with {mode}: {Formulas(rows, cols, r => r.Out < 1)}. {fix}");
        }

        if (layer.Strict && !ceilMode && (rows.Remainder != 0 || cols.Remainder != 0))
        {
            var bad = rows.Remainder != 0 ? rows : cols;
            throw layer.Fail(
                $"strict mode: {Formulas(rows, cols, r => r.Remainder != 0, exact: true)} is not whole: " +
                $"{bad.Span} does not divide by stride {bad.S}. Use {Suggestion(bad, rows.Remainder != 0 ? "height" : "width")}.");
        }

        return (window, rows.Out, cols.Out);
    }

    private static string PadsText(ExplicitPadding p) =>
        p.Top == p.Bottom && p.Left == p.Right && p.Top == p.Left ? $"{p.Top}" : $"({p.Top}, {p.Bottom}, {p.Left}, {p.Right})";

    private static string Formulas(Axis rows, Axis cols, Func<Axis, bool> failing, bool exact = false)
    {
        if (rows == cols)
        {
            return rows.Formula(exact);
        }

        var parts = new List<string>();
        if (failing(rows))
        {
            parts.Add("height " + rows.Formula(exact));
        }

        if (failing(cols))
        {
            parts.Add("width " + cols.Formula(exact));
        }

        return string.Join(", ", parts);
    }

    /// <summary>The padding that makes the span divide, then the nearest strides that divide it (at most twice the stride).</summary>
    private static string Suggestion(Axis axis, string name)
    {
        int extra = (axis.S - axis.Remainder) % axis.S;
        var strides = Enumerable.Range(1, 2 * axis.S).Where(s => s != axis.S && axis.Span % s == 0)
            .OrderBy(s => Math.Abs(s - axis.S)).Take(2).OrderBy(s => s).Select(s => $"stride {s}").ToList();
        string padding = $"{extra} more {(name == "height" ? "row" : "column")}{(extra == 1 ? "" : "s")} of padding along the {name}";
        // Only strides of 2 or more get here, and stride 1 divides every span, so there is always one.
        return $"{padding}, or {string.Join(" or ", strides)}";
    }

    private sealed record Axis(int N, int FEff, int S, int P, int PadBefore, bool Ceil)
    {
        public static Axis Of(int n, int kernel, int stride, int dilation, int padBefore, int padAfter, bool ceil) =>
            new(n, EffectiveKernel(kernel, dilation), stride, padBefore + padAfter, padBefore, ceil);

        public int Span => N - FEff + P;

        public int Out => Ceil ? CeilOutputSize(N, FEff, S, PadBefore, P - PadBefore) : FloorDiv(Span, S) + 1;

        /// <summary>What is left of the span after whole strides; read only once the window fits, where the span is not negative.</summary>
        public int Remainder => Span % S;

        public string Formula(bool exact)
        {
            string value = exact && Remainder != 0
                ? ((double)(N - FEff + P) / S + 1).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)
                : Out.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return $"({N} - {FEff} + {P})/{S} + 1 = {value}";
        }
    }
}
