using System.Globalization;

namespace FluentNets.Export.Plot;

/// <summary>
/// A value axis with "nice" ticks (1, 2 or 5 times a power of ten apart), from Heckbert's
/// "Nice numbers for graph labels" (Graphics Gems, 1990): the range is widened to whole ticks so
/// every point lies inside it and the labels are short.
/// </summary>
internal sealed class ChartAxis
{
    private ChartAxis(double minimum, double maximum, double step)
    {
        Minimum = minimum;
        Maximum = maximum;
        Step = step;
    }

    /// <summary>The lowest value drawn, a whole number of steps.</summary>
    public double Minimum { get; }

    /// <summary>The highest value drawn, a whole number of steps.</summary>
    public double Maximum { get; }

    /// <summary>The distance between ticks.</summary>
    public double Step { get; }

    /// <summary>The tick values, <see cref="Minimum"/> to <see cref="Maximum"/>.</summary>
    public IEnumerable<double> Ticks
    {
        get
        {
            int count = (int)Math.Round((Maximum - Minimum) / Step);
            return Enumerable.Range(0, count + 1).Select(i => Minimum + i * Step);
        }
    }

    /// <summary>An axis covering <paramref name="low"/> to <paramref name="high"/> in about <paramref name="ticks"/> steps.</summary>
    public static ChartAxis Covering(double low, double high, int ticks = 5)
    {
        if (!(high > low))
        {
            // One value (a single epoch, or a flat curve) still gets a range around it.
            double pad = low == 0 ? 1 : Math.Abs(low) * 0.1;
            (low, high) = (low - pad, high + pad);
        }

        double step = Nice((high - low) / ticks, round: true);
        return new ChartAxis(Math.Floor(low / step) * step, Math.Ceiling(high / step) * step, step);
    }

    /// <summary>Where <paramref name="value"/> falls between <paramref name="from"/> (at Minimum) and <paramref name="to"/> (at Maximum).</summary>
    public double Map(double value, double from, double to) => from + (value - Minimum) / (Maximum - Minimum) * (to - from);

    /// <summary>A tick's label with as many decimals as the step needs.</summary>
    public string Label(double tick)
    {
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(Step) + 1e-9));
        return tick.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static double Nice(double range, bool round)
    {
        double exponent = Math.Floor(Math.Log10(range));
        double fraction = range / Math.Pow(10, exponent);
        double nice = round
            ? fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
            : fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * Math.Pow(10, exponent);
    }
}
