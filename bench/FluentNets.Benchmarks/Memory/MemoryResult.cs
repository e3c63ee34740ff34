namespace FluentNets.Benchmarks.Memory;

/// <summary>Live tensors and resident memory around a run of LeNet-5 training steps.</summary>
/// <param name="Contender">FluentNets or hand-written TorchSharp.</param>
/// <param name="Steps">Training steps between the two readings (after a warm-up).</param>
/// <param name="LiveTensorsBefore">TorchSharp's count of undisposed tensors (<c>torch.Tensor.TotalCount</c>) before.</param>
/// <param name="LiveTensorsAfter">The same count after.</param>
/// <param name="ThreadLiveBefore">This thread's live count from <c>DisposeScopeManager.Statistics.ThreadTotalLiveCount</c> before.</param>
/// <param name="ThreadLiveAfter">The same count after.</param>
/// <param name="RssBefore">Resident set size in bytes before.</param>
/// <param name="RssAfter">Resident set size in bytes after.</param>
public sealed record MemoryResult(
    string Contender, int Steps, long LiveTensorsBefore, long LiveTensorsAfter, long ThreadLiveBefore, long ThreadLiveAfter, long RssBefore, long RssAfter)
{
    /// <summary>Tensors created and not disposed during the steps.</summary>
    public long LiveTensorGrowth => LiveTensorsAfter - LiveTensorsBefore;

    /// <summary>Resident memory change as a percentage of the reading before.</summary>
    public double RssDriftPercent => 100.0 * (RssAfter - RssBefore) / RssBefore;
}
