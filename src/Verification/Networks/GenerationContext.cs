namespace FluentNets.Verification;

/// <summary>What the network generator may place at one point, so that whatever it places fits.</summary>
/// <param name="Depth">How many more levels of branches and blocks may nest here.</param>
/// <param name="Stride">Whether a stage may stride (false in the later stages of a branch, whose sizes must stay aligned).</param>
/// <param name="Resize">Whether valid or explicit padding and zero padding may change sizes other than by a stride.</param>
/// <param name="Add">
/// Whether an automatically named Add may appear: not in a residual block's own scope, where the
/// block names its sum <c>add</c> explicitly.
/// </param>
internal readonly record struct GenerationContext(int Depth, bool Stride, bool Resize, bool Add)
{
    /// <summary>The context of a branch or body one level down: no resizing, no stride unless the caller allows one.</summary>
    public GenerationContext Nested(bool add) => new(Depth - 1, Stride: false, Resize: false, Add: add);
}
