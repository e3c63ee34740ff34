using System.Globalization;

namespace FluentNets.Benchmarks;

/// <summary>The harness's command line: <c>[--quick] [--json FILE] [--threads N] [--no-peer] [--glibc-heap] [--only SECTION,...]</c>.</summary>
/// <param name="Quick">Short BenchmarkDotNet job, fewer repeats and fewer memory steps: a smoke run of a few minutes.</param>
/// <param name="JsonPath">Where to write the numbers as JSON; null for none.</param>
/// <param name="Threads">Intra-op threads of libtorch and PyTorch, the same for every contender.</param>
/// <param name="Peer">Whether to run the PyTorch peer.</param>
/// <param name="Sections">The sections to run, among <see cref="AllSections"/>.</param>
/// <param name="KeepFreedMemory">Whether the C heap keeps freed memory, as the backend sets it (<c>--glibc-heap</c> turns it off).</param>
public sealed record BenchOptions(bool Quick, string? JsonPath, int Threads, bool Peer, IReadOnlySet<string> Sections, bool KeepFreedMemory = true)
{
    /// <summary>The usage line printed on a bad argument.</summary>
    public const string Usage = "usage: dotnet run -c Release --project bench/FluentNets.Benchmarks -- [--quick] [--json FILE] [--threads N] [--no-peer] [--glibc-heap] [--only dsl,libtorch,memory,data,inference]";

    /// <summary>
    /// The sections <c>--only</c> chooses among: the DSL cost, the libtorch cases (with the PyTorch
    /// peer), the memory probe, the image-folder data pipeline and the inference cases against their
    /// peers (with their memory); the matmul limit always runs.
    /// </summary>
    public static readonly IReadOnlyList<string> AllSections = ["dsl", "libtorch", "memory", "data", "inference"];

    /// <summary>Whether <paramref name="section"/> runs.</summary>
    public bool Runs(string section) => Sections.Contains(section);

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
        bool quick = false, peer = true, keep = true;
        string? json = null;
        IReadOnlySet<string> sections = AllSections.ToHashSet();
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
                case "--glibc-heap":
                    keep = false;
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
                case "--only":
                    string only = Value(args, ++i, "--only");
                    sections = only.Split(',', StringSplitOptions.TrimEntries).ToHashSet();
                    if (sections.FirstOrDefault(n => !AllSections.Contains(n)) is { } unknown || sections.Count == 0)
                    {
                        throw new ArgumentException($"Expected --only to list sections among {string.Join(", ", AllSections)}. Received: --only {only}. {Usage}");
                    }

                    break;
                default:
                    throw new ArgumentException($"Expected --quick, --json FILE, --threads N, --no-peer, --glibc-heap or --only SECTIONS. Received: {args[i]}. {Usage}");
            }
        }

        return new BenchOptions(quick, json, threads, peer, sections, keep);
    }

    private static string Value(IReadOnlyList<string> args, int index, string option) =>
        index < args.Count ? args[index] : throw new ArgumentException($"Expected a value after {option}. {Usage}");
}
