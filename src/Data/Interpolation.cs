namespace FluentNets.Data;

/// <summary>
/// How <see cref="DataSet.ResizeTo"/> samples pixels. Both use half-pixel centres
/// (PyTorch's <c>align_corners=False</c>, TensorFlow 2's <c>tf.image.resize</c>), so an integer
/// upscale repeats (nearest) or blends (bilinear) pixels symmetrically.
/// </summary>
public enum Interpolation
{
    /// <summary>Each output pixel copies the input pixel whose area holds its centre.</summary>
    Nearest,

    /// <summary>Each output pixel blends the four nearest input pixel centres, edges clamped.</summary>
    Bilinear,
}
