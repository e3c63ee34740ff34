using System.Diagnostics;

namespace FluentNets.Benchmarks.Harness;

/// <summary>
/// Times libtorch work without BenchmarkDotNet: warm-ups, then timed runs until the maximum count
/// or the time budget (never fewer than the minimum), median and IQR of the wall-clock time, and
/// the median process CPU time (read outside the wall-clock window). Two contenders are timed
/// interleaved (A B, B A, A B, ...), so drift and other processes' load hit both alike.
/// </summary>
/// <param name="Warmups">Untimed runs of each contender first.</param>
/// <param name="Repeats">Timed runs of each contender, at most.</param>
/// <param name="MinRepeats">Timed runs of each contender, at least.</param>
/// <param name="Budget">No further round starts once the timed runs took this long in total.</param>
public sealed record Repeater(int Warmups, int Repeats, int MinRepeats, TimeSpan Budget)
{
    /// <summary>Times one contender.</summary>
    public Measurement Time(Action run) => TimePair(run, null).First;

    /// <summary>Times two contenders, interleaved; the second measurement is null when <paramref name="second"/> is.</summary>
    public (Measurement First, Measurement? Second) TimePair(Action first, Action? second)
    {
        ArgumentNullException.ThrowIfNull(first);
        for (int i = 0; i < Warmups; i++)
        {
            first();
            second?.Invoke();
        }

        var a = new Samples();
        var b = new Samples();
        var total = Stopwatch.StartNew();
        for (int round = 0; round < Repeats && (round < MinRepeats || total.Elapsed < Budget); round++)
        {
            // Alternate which contender goes first, so neither always runs on a cache the other warmed.
            if (second is null || round % 2 == 0)
            {
                a.Time(first);
                if (second is not null)
                {
                    b.Time(second);
                }
            }
            else
            {
                b.Time(second);
                a.Time(first);
            }
        }

        return (a.ToMeasurement(), second is null ? null : b.ToMeasurement());
    }

    private sealed class Samples
    {
        private readonly List<double> wall = [];
        private readonly List<double> cpu = [];

        public void Time(Action run)
        {
            var cpuStart = Environment.CpuUsage.TotalTime;
            long start = Stopwatch.GetTimestamp();
            run();
            wall.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            cpu.Add((Environment.CpuUsage.TotalTime - cpuStart).TotalMilliseconds);
        }

        public Measurement ToMeasurement() => Measurement.Of(wall, cpu);
    }
}
