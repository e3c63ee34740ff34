namespace FluentNets.Data;

/// <summary>
/// How pixels are scaled before they reach the network: keras.applications' three modes
/// (<c>preprocess_input</c>), plus plain [0, 1] and raw [0, 255].
/// </summary>
public enum ImagePreprocessing
{
    /// <summary>Raw values in [0, 255].</summary>
    None,

    /// <summary>Values in [0, 1]: x / 255.</summary>
    Unit,

    /// <summary>keras.applications' <c>tf</c> mode (Xception, Inception V3, MobileNet): x / 127.5 - 1, in [-1, 1].</summary>
    Tf,

    /// <summary>
    /// keras.applications' <c>caffe</c> mode (VGG, ResNet): RGB to BGR, then the ImageNet means
    /// [103.939, 116.779, 123.68] (B, G, R) subtracted from x in [0, 255]; no scaling.
    /// </summary>
    Caffe,

    /// <summary>
    /// keras.applications' <c>torch</c> mode (DenseNet) and torchvision's: x / 255, then the ImageNet
    /// means [0.485, 0.456, 0.406] subtracted and the result divided by [0.229, 0.224, 0.225].
    /// </summary>
    Torch,
}

/// <summary>Names and arithmetic of <see cref="ImagePreprocessing"/>.</summary>
public static class ImagePreprocessingExtensions
{
    /// <summary>The lower-case name the CLI and weight files use: <c>none</c>, <c>unit</c>, <c>tf</c>, <c>caffe</c>, <c>torch</c>.</summary>
    public static string ToName(this ImagePreprocessing mode) => mode.ToString().ToLowerInvariant();

    /// <summary>The mode for a name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is none of none, unit, tf, caffe, torch.</exception>
    public static ImagePreprocessing Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "none" => ImagePreprocessing.None,
            "unit" => ImagePreprocessing.Unit,
            "tf" => ImagePreprocessing.Tf,
            "caffe" => ImagePreprocessing.Caffe,
            "torch" => ImagePreprocessing.Torch,
            _ => throw new ArgumentException($"unknown preprocessing '{name}'. Accepted: none, unit, tf, caffe, torch."),
        };
    }

    /// <summary>
    /// The mode as a standardisation of values in [0, 1] (how data sets hold pixels):
    /// <c>(x - mean[c]) / std[c]</c> per channel, after reversing the channels when <c>Bgr</c>.
    /// </summary>
    /// <exception cref="ArgumentException">caffe or torch on other than 3 channels.</exception>
    public static (bool Bgr, float[] Mean, float[] Std) Standardization(this ImagePreprocessing mode, int channels)
    {
        float[] Same(float value) => Enumerable.Repeat(value, channels).ToArray();
        if (mode is ImagePreprocessing.Caffe or ImagePreprocessing.Torch && channels != 3)
        {
            throw new ArgumentException($"{mode.ToName()} preprocessing needs RGB images (3 channels); these have {channels}.");
        }

        return mode switch
        {
            ImagePreprocessing.None => (false, Same(0), Same(1 / 255f)),
            ImagePreprocessing.Unit => (false, Same(0), Same(1)),
            ImagePreprocessing.Tf => (false, Same(0.5f), Same(0.5f)),

            // 255 x - m = (x - m / 255) / (1 / 255), in BGR order.
            ImagePreprocessing.Caffe => (true, [103.939f / 255, 116.779f / 255, 123.68f / 255], Same(1 / 255f)),
            ImagePreprocessing.Torch => (false, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "not a preprocessing mode."),
        };
    }
}
