namespace FluentNets.Verification;

/// <summary>One window of a <see cref="WindowStack"/>.</summary>
/// <param name="Layer">The layer.</param>
/// <param name="Kernel">Kernel or pool size.</param>
/// <param name="Stride">Stride.</param>
/// <param name="Dilation">Dilation; 1 for pooling.</param>
public sealed record StackedWindow(WindowLayer Layer, Size2 Kernel, Size2 Stride, Size2 Dilation)
{
    /// <inheritdoc />
    public override string ToString() => $"{Layer}({Kernel}, s: {Stride}, dilation: {Dilation}, pad: Padding.Same)";
}
