namespace FluentNets.Verification;

/// <summary>How a <see cref="MergeStage"/> joins its branches.</summary>
public enum MergeKind
{
    /// <summary><c>Concatenate</c> along channels: heights and widths must agree.</summary>
    Concat,

    /// <summary><c>Add</c>: whole shapes must agree.</summary>
    Add,
}
