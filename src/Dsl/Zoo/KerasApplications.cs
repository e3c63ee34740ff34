namespace FluentNets.Zoo;

/// <summary>
/// What keras.applications' Keras 3 models share: the input layer's name and <c>correct_pad</c>
/// (<c>keras/src/applications/imagenet_utils.py</c>).
/// </summary>
public static class KerasApplications
{
    /// <summary>The name Keras 3 gives a functional model's input: <c>input_layer</c> (Keras 2 said <c>input_1</c>).</summary>
    public const string InputName = "input_layer";

    /// <summary>An image input named <see cref="InputName"/>.</summary>
    /// <exception cref="NetBuildException">The shape is not an image shape with positive sizes.</exception>
    public static Net<Image> Input(Shape input) => Classic.Input(input, InputName);

    /// <summary>
    /// <c>imagenet_utils.correct_pad</c>: the zero padding before a stride-2 VALID convolution of a
    /// <paramref name="kernel"/> x <paramref name="kernel"/> window, kernel / 2 on the bottom and right and one
    /// less on the top and left of an even side, so the windows sit where TensorFlow's SAME puts them at
    /// even sizes and PyTorch's symmetric padding at odd ones.
    /// </summary>
    /// <param name="x">The input the convolution reads.</param>
    /// <param name="kernel">The convolution's kernel size.</param>
    public static (int Top, int Bottom, int Left, int Right) CorrectPad(Net<Image> x, int kernel)
    {
        ArgumentNullException.ThrowIfNull(x);
        int half = kernel / 2;
        return (half - (1 - (x.Shape.Height % 2)), half, half - (1 - (x.Shape.Width % 2)), half);
    }

    /// <summary>
    /// The <c>_make_divisible</c> of the TensorFlow MobileNet code that keras.applications (MobileNetV2's
    /// <c>_make_divisible</c>, MobileNetV3's <c>_depth</c>, EfficientNet's <c>round_filters</c>) and torchvision
    /// (<c>_make_divisible</c>, MNASNet's <c>_round_to_multiple_of</c>) copy: <paramref name="value"/> rounded to
    /// the nearest multiple of <paramref name="divisor"/>, at least <paramref name="minValue"/>, and one
    /// divisor more where rounding lost more than 10%.
    /// </summary>
    /// <param name="value">The scaled channel count.</param>
    /// <param name="divisor">What the result divides by.</param>
    /// <param name="minValue">The least result; <paramref name="divisor"/> when null.</param>
    public static int MakeDivisible(double value, int divisor = 8, int? minValue = null)
    {
        int rounded = Math.Max(minValue ?? divisor, (int)(value + (divisor / 2.0)) / divisor * divisor);
        return rounded < 0.9 * value ? rounded + divisor : rounded;
    }
}
