namespace FluentNets.Benchmarks.Inference;

/// <summary>
/// The resident set of one contender's process around one inference, each read from
/// <c>/proc/self/status</c> in a fresh process: before the model (runtime and native libraries
/// loaded), at its peak (<c>VmHWM</c>: loading the weights, building, one batch), and after (holding
/// the model, every managed copy of the weights collected).
/// </summary>
/// <param name="Contender">The contender's name (<see cref="InferenceContender"/>).</param>
/// <param name="BaselineKiB">Resident set before the model, in KiB; -1 when not measured.</param>
/// <param name="PeakKiB">Peak resident set, in KiB.</param>
/// <param name="AfterKiB">Resident set after the batch, in KiB.</param>
/// <param name="Reason">Why it was not measured; null when it was.</param>
public sealed record InferenceMemoryResult(string Contender, long BaselineKiB, long PeakKiB, long AfterKiB, string? Reason = null)
{
    /// <summary>What the model and its one batch took: the peak above the baseline, in KiB.</summary>
    public long ModelPeakKiB => PeakKiB - BaselineKiB;
}
