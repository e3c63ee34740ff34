namespace FluentNets;

/// <summary>How a residual block carries its input to the addition.</summary>
public enum Shortcut
{
    /// <summary>Identity when the body keeps the shape, projection otherwise (torchvision's rule).</summary>
    Auto,

    /// <summary>The input itself; the body must keep the shape.</summary>
    Identity,

    /// <summary>A strided 1x1 convolution and BatchNorm of the input.</summary>
    Projection,
}
