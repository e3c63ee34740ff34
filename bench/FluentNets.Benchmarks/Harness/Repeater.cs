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
        var times = TimeAll(second is null ? [first] : [first, second]);
        return (times[0], second is null ? null : times[1]);
    }

    /// <summary>
    /// Times several contenders in rounds, each round running every contender once, the order
    /// reversed every other round so that none always runs on a cache another warmed; the budget
    /// counts the whole round.
    /// </summary>
    public IReadOnlyList<Measurement> TimeAll(IReadOnlyList<Action> contenders)
    {
        ArgumentNullException.ThrowIfNull(contenders);
        for (int i = 0; i < Warmups; i++)
        {
            foreach (var run in contenders)
            {
                run();
            }
        }

        var samples = contenders.Select(_ => new Samples()).ToArray();
        var total = Stopwatch.StartNew();
        for (int round = 0; round < Repeats && (round < MinRepeats || total.Elapsed < Budget); round++)
        {
            for (int k = 0; k < contenders.Count; k++)
            {
                int i = round % 2 == 0 ? k : contenders.Count - 1 - k;
                samples[i].Time(contenders[i]);
            }
        }

        return samples.Select(s => s.ToMeasurement()).ToArray();
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
