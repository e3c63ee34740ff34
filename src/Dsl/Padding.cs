namespace FluentNets;

/// <summary>How a convolution or pooling window treats the border of its input.</summary>
public abstract record Padding
{
    private protected Padding()
    {
    }

    /// <summary>No padding: the window stays inside the input (Keras <c>"valid"</c>, the default).</summary>
    public static Padding Valid { get; } = new ValidPadding();

    /// <summary>
    /// TensorFlow's <c>"same"</c>: the output is ceil(N / S) and the extra row and column of an
    /// odd padding total go to the bottom and right.
    /// </summary>
    public static Padding Same { get; } = new SamePadding();

    /// <summary>The same zero padding on every side (PyTorch's <c>padding=p</c>).</summary>
    public static Padding Explicit(int all) => new ExplicitPadding(all, all, all, all);

    /// <summary>Symmetric zero padding per axis.</summary>
    public static Padding Explicit(int height, int width) => new ExplicitPadding(height, height, width, width);

    /// <summary>Zero padding given side by side.</summary>
    public static Padding Explicit(int top, int bottom, int left, int right) => new ExplicitPadding(top, bottom, left, right);
}

/// <summary>Keras <c>"valid"</c> padding.</summary>
public sealed record ValidPadding : Padding
{
    internal ValidPadding()
    {
    }

    /// <inheritdoc />
    public override string ToString() => "valid";
}

/// <summary>TensorFlow <c>"same"</c> padding.</summary>
public sealed record SamePadding : Padding
{
    internal SamePadding()
    {
    }

    /// <inheritdoc />
    public override string ToString() => "same";
}

/// <summary>Explicit zero padding on each side.</summary>
/// <param name="Top">Rows added above.</param>
/// <param name="Bottom">Rows added below.</param>
/// <param name="Left">Columns added on the left.</param>
/// <param name="Right">Columns added on the right.</param>
public sealed record ExplicitPadding(int Top, int Bottom, int Left, int Right) : Padding
{
    /// <inheritdoc />
    public override string ToString() =>
        Top == Bottom && Left == Right && Top == Left ? $"explicit {Top}" : $"explicit ({Top}, {Bottom}, {Left}, {Right})";
}
