using FluentNets.Benchmarks.Harness;

namespace FluentNets.Benchmarks.Inference;

/// <summary>One inference case: each contender's times and how far its output is from FluentNets' plain compilation's.</summary>
/// <param name="Case">The case.</param>
/// <param name="InferenceMacs">Multiply-accumulates of one example, by the DSL's analysis.</param>
/// <param name="Times">Each contender that ran, by its <see cref="InferenceContender"/> name.</param>
/// <param name="MaxAbsDifference">Each contender's largest absolute difference from FluentNets' plain output on the same batch.</param>
/// <param name="Missing">Why a contender did not run (no hand-written network for the model, the peer unavailable), by name.</param>
public sealed record InferenceResult(
    InferenceCase Case,
    long InferenceMacs,
    IReadOnlyDictionary<string, Measurement> Times,
    IReadOnlyDictionary<string, double> MaxAbsDifference,
    IReadOnlyDictionary<string, string> Missing)
{
    /// <summary>The fastest peer that ran (<see cref="InferenceContender.Peers"/>), or null.</summary>
    public string? FastestPeer => InferenceContender.Peers.Where(Times.ContainsKey).MinBy(p => Times[p].MedianMs);

    /// <summary>FluentNets' inference compilation's median over the fastest peer's: the goal is at most 0.9 on ResNet-50, at most 1 elsewhere.</summary>
    public double? OverFastestPeer => FastestPeer is { } peer && Times.TryGetValue(InferenceContender.FluentNetsInference, out var fast)
        ? fast.MedianMs / Times[peer].MedianMs
        : null;

    /// <summary>The case with the peer's measurements and outputs added.</summary>
    public InferenceResult With(IReadOnlyDictionary<string, Measurement> times, IReadOnlyDictionary<string, double> differences, IReadOnlyDictionary<string, string> missing) =>
        this with
        {
            Times = Times.Concat(times).ToDictionary(),
            MaxAbsDifference = MaxAbsDifference.Concat(differences).ToDictionary(),
            Missing = Missing.Where(m => !times.ContainsKey(m.Key)).Concat(missing).ToDictionary(),
        };
}
