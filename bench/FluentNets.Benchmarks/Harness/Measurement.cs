namespace FluentNets.Benchmarks.Harness;

/// <summary>
/// The timed runs of one case, in milliseconds: median and quartiles of the wall-clock time (linear
/// interpolation between order statistics, numpy's default, so the PyTorch peer computes the same
/// statistic), and the median process CPU time where it was taken.
/// </summary>
/// <param name="MedianMs">Median wall-clock time.</param>
/// <param name="Q1Ms">First quartile.</param>
/// <param name="Q3Ms">Third quartile.</param>
/// <param name="Repeats">Timed runs.</param>
/// <param name="CpuMedianMs">
/// Median CPU time of the whole process (all threads) per run; null where not taken. Other
/// processes on the same cores stretch wall-clock times much more than CPU times, so on a busy
/// machine this is the steadier of the two for comparing contenders.
/// </param>
public sealed record Measurement(double MedianMs, double Q1Ms, double Q3Ms, int Repeats, double? CpuMedianMs = null)
{
    /// <summary>Interquartile range, Q3 - Q1.</summary>
    public double IqrMs => Q3Ms - Q1Ms;

    /// <summary>The statistics of <paramref name="samplesMs"/> and, when given, of the CPU times <paramref name="cpuMs"/>.</summary>
    /// <exception cref="ArgumentException">No samples.</exception>
    public static Measurement Of(IReadOnlyCollection<double> samplesMs, IReadOnlyCollection<double>? cpuMs = null)
    {
        if (samplesMs.Count == 0)
        {
            throw new ArgumentException("Expected at least one timed run. Received: 0 samples.", nameof(samplesMs));
        }

        var sorted = samplesMs.Order().ToArray();
        double? cpu = cpuMs is { Count: > 0 } ? Quantile(cpuMs.Order().ToArray(), 0.5) : null;
        return new Measurement(Quantile(sorted, 0.5), Quantile(sorted, 0.25), Quantile(sorted, 0.75), sorted.Length, cpu);
    }

    private static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
