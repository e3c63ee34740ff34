namespace FluentNets.Verification;

/// <summary>The layers that slide a window over an image.</summary>
public enum WindowLayer
{
    /// <summary><c>Conv2D</c>.</summary>
    Conv,

    /// <summary><c>DepthwiseConv2D</c>.</summary>
    DepthwiseConv,

    /// <summary><c>SeparableConv2D</c>.</summary>
    SeparableConv,

    /// <summary><c>MaxPooling2D</c>.</summary>
    MaxPool,

    /// <summary><c>AveragePooling2D</c>.</summary>
    AvgPool,
}
