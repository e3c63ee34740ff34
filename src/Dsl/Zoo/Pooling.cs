namespace FluentNets.Zoo;

/// <summary>
/// What a zoo model without its top ends in, as keras.applications' <c>pooling</c> argument:
/// the last feature map, or that map pooled to a vector.
/// </summary>
public enum Pooling
{
    /// <summary>The last convolutional block's feature map, a (H, W, C) image.</summary>
    None,

    /// <summary>Global average pooling to a C-vector (layer <c>avg_pool</c>).</summary>
    Avg,

    /// <summary>Global max pooling to a C-vector (layer <c>max_pool</c>).</summary>
    Max,
}
