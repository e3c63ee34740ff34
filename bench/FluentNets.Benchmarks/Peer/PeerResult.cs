using FluentNets.Benchmarks.Abstraction;
using FluentNets.Benchmarks.Harness;

namespace FluentNets.Benchmarks.Peer;

/// <summary>What the PyTorch peer reported, or why it did not run.</summary>
/// <param name="Available">Whether the peer ran.</param>
/// <param name="Reason">Why it did not; null when it ran.</param>
/// <param name="Version">PyTorch's version (and Python's).</param>
/// <param name="Threads">The intra-op threads PyTorch reported using.</param>
/// <param name="Matmul">Its 2048 x 2048 matmul time; null when it did not run.</param>
/// <param name="MatmulGflops">That matmul's GFLOP/s.</param>
/// <param name="Cases">Its time for each case it ran.</param>
public sealed record PeerResult(
    bool Available, string? Reason, string? Version, int Threads, Measurement? Matmul, double MatmulGflops,
    IReadOnlyDictionary<AbstractionCase, Measurement> Cases)
{
    /// <summary>A peer that did not run, with the reason.</summary>
    public static PeerResult Unavailable(string reason) => new(false, reason, null, 0, null, 0, new Dictionary<AbstractionCase, Measurement>());
}
