using System.Runtime;
using static TorchSharp.torch;

namespace FluentNets.Backends.TorchSharp.Training;

/// <summary>
/// An optimizer step with no garbage collection in the middle of it. TorchSharp 0.107's optimizers
/// pass implicitly converted <c>Scalar</c>s to native calls (Adam's <c>exp_avg_sq.sqrt() / Math.Sqrt(...)</c>,
/// <c>addcdiv_(..., value: -step_size)</c>) without keeping them alive, so a collection started by
/// another thread during such a call can finalize the <c>Scalar</c> and free its <c>c10::Scalar</c>
/// while libtorch reads it ("Unknown scalar type", or a failed <c>toFloat</c>). The step runs in a
/// no-GC region, which the runtime opens with a collection before the step rather than during it.
/// </summary>
internal static class OptimizerStep
{
    // Far more than a step allocates (a few managed objects per parameter).
    private const long Budget = 16L << 20;

    public static void Run(optim.Optimizer optimizer)
    {
        bool started;
        try
        {
            started = GC.TryStartNoGCRegion(Budget, disallowFullBlockingGC: true);
        }
        catch (InvalidOperationException)
        {
            // Another thread's step holds the region: this one is covered by it while it lasts.
            started = false;
        }

        try
        {
            optimizer.step();
        }
        finally
        {
            if (started && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                try
                {
                    GC.EndNoGCRegion();
                }
                catch (InvalidOperationException)
                {
                    // The region already ended: another thread allocated past the budget or collected.
                }
            }
        }
    }
}
