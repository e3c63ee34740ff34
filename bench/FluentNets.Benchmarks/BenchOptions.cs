using System.Globalization;

namespace FluentNets.Benchmarks;

/// <summary>The harness's command line: <c>[--quick] [--json FILE] [--threads N] [--no-peer]</c>.</summary>
/// <param name="Quick">Short BenchmarkDotNet job, fewer repeats and fewer memory steps: a smoke run of a few minutes.</param>
/// <param name="JsonPath">Where to write the numbers as JSON; null for none.</param>
/// <param name="Threads">Intra-op threads of libtorch and PyTorch, the same for every contender.</param>
/// <param name="Peer">Whether to run the PyTorch peer.</param>
public sealed record BenchOptions(bool Quick, string? JsonPath, int Threads, bool Peer)
{
    /// <summary>The usage line printed on a bad argument.</summary>
    public const string Usage = "usage: dotnet run -c Release --project bench/FluentNets.Benchmarks -- [--quick] [--json FILE] [--threads N] [--no-peer]";

    /// <summary>Warm-up runs before a libtorch case is timed.</summary>
    public int Warmups => Quick ? 1 : 3;

    /// <summary>Timed runs of a libtorch case, at most.</summary>
    public int Repeats => Quick ? 7 : 30;

    /// <summary>Timed runs of a libtorch case, at least, whatever <see cref="CaseBudget"/> says.</summary>
    public int MinRepeats => Quick ? 3 : 10;

    /// <summary>Once a case's timed runs took this long, no further repeat starts (after <see cref="MinRepeats"/>).</summary>
    public TimeSpan CaseBudget => TimeSpan.FromSeconds(Quick ? 3 : 60);

    /// <summary>LeNet-5 training steps of the memory probe.</summary>
    public int MemorySteps => Quick ? 100 : 500;

    /// <summary>Parses the arguments.</summary>
    /// <exception cref="ArgumentException">An unknown argument, a missing value, or a thread count below 1.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        bool quick = false, peer = true;
        string? json = null;
        int threads = Environment.ProcessorCount;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--no-peer":
                    peer = false;
                    break;
                case "--json":
                    json = Value(args, ++i, "--json");
                    break;
                case "--threads":
                    string text = Value(args, ++i, "--threads");
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out threads) || threads < 1)
                    {
                        throw new ArgumentException($"Expected --threads to be a positive integer. Received: --threads {text}. {Usage}");
                    }

                    break;
                default:
                    throw new ArgumentException($"Expected --quick, --json FILE, --threads N or --no-peer. Received: {args[i]}. {Usage}");
            }
        }

        return new BenchOptions(quick, json, threads, peer);
    }

    private static string Value(IReadOnlyList<string> args, int index, string option) =>
        index < args.Count ? args[index] : throw new ArgumentException($"Expected a value after {option}. {Usage}");
}
