using SkiaSharp;

namespace FluentNets.Data;

/// <summary>
/// Decodes JPEG, PNG, BMP, WebP and GIF files with SkiaSharp and resizes them to a network's input:
/// channel-planar (C, H, W) values in [0, 1], RGB (alpha dropped, as keras's <c>load_img</c>
/// does) or grey (PIL's luminance, L = 0.299 R + 0.587 G + 0.114 B).
/// </summary>
public static class ImageDecoder
{
    /// <summary>
    /// The most pixels an image may have unless a caller allows more: PIL's <c>Image.MAX_IMAGE_PIXELS</c>
    /// (89,478,485, a 9459x9459 image, 342 MiB as RGBA). A header is a few bytes and can claim 65535x65535
    /// (16 GiB of pixels), so the size is checked before anything is allocated.
    /// </summary>
    public const long DefaultMaxPixels = 89_478_485;

    /// <summary>The command-line option that raises the limit, named in the messages.</summary>
    public const string LimitOption = "--max-image-pixels";

    /// <summary>The file extensions read as images (lower case, with the dot).</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".jpg", ".jpeg", ".png", ".bmp", ".webp", ".gif"];

    /// <summary>Whether the file's extension is one of <see cref="Extensions"/>.</summary>
    public static bool HasImageExtension(string path) =>
        Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>
    /// Why SkiaSharp can't open the file as an image, reading only its header, or why it won't be decoded (more than
    /// <paramref name="maxPixels"/> pixels); null when it can.
    /// </summary>
    public static string? Probe(string path, long maxPixels = DefaultMaxPixels)
    {
        try
        {
            using var codec = SKCodec.Create(path, out var result);
            return codec is null ? $"not an image SkiaSharp can decode ({result})"
                : codec.Info.Width <= 0 || codec.Info.Height <= 0 ? "an image of no pixels"
                : TooLarge(codec.Info.Width, codec.Info.Height, maxPixels) is { } found ? $"more pixels than the limit of {maxPixels} ({LimitOption} raises it): {found}" : null;
        }
        catch (IOException e)
        {
            return $"unreadable ({e.Message})";
        }
    }

    /// <summary>
    /// Decodes the image at <paramref name="path"/>, resizes it (bilinear, SkiaSharp's medium
    /// quality) to <paramref name="shape"/>'s height and width and writes its channels into
    /// <paramref name="destination"/> as (C, H, W) values in [0, 1].
    /// </summary>
    /// <param name="path">The image file.</param>
    /// <param name="shape">The network's input: height, width and 1 or 3 channels.</param>
    /// <param name="destination">Where the (C, H, W) values go: <paramref name="shape"/>'s size.</param>
    /// <param name="maxPixels">The most pixels the image may have, checked in its header before its pixels are allocated.</param>
    /// <exception cref="DataFormatException">
    /// The file is not a complete image of a format SkiaSharp reads, or has more than <paramref name="maxPixels"/> pixels.
    /// </exception>
    /// <exception cref="ArgumentException">The shape has other than 1 or 3 channels, or the destination is not its size.</exception>
    public static void Decode(string path, Shape shape, Span<float> destination, long maxPixels = DefaultMaxPixels)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(shape);
        if (!shape.IsImage || shape.Channels is not (1 or 3) || destination.Length != shape.Elements)
        {
            throw new ArgumentException($"expected an image shape of 1 or 3 channels and {shape.Elements} values to fill; received {shape} and {destination.Length}.");
        }

        SKCodec? codec;
        SKCodecResult result;
        try
        {
            codec = SKCodec.Create(path, out result);
        }
        catch (IOException e)
        {
            throw new DataFormatException(path, "a readable image file", $"an I/O error ({e.Message})", e);
        }

        using var open = codec ?? throw new DataFormatException(path, "a JPEG, PNG, BMP, WebP or GIF image", $"no image SkiaSharp can decode ({result})");
        if (open.Info.Width <= 0 || open.Info.Height <= 0)
        {
            throw new DataFormatException(path, "an image of at least one pixel", $"{open.Info.Width}x{open.Info.Height} in its header");
        }

        if (TooLarge(open.Info.Width, open.Info.Height, maxPixels) is { } found)
        {
            throw new DataFormatException(path, $"an image of at most {maxPixels} pixels ({LimitOption} raises the limit)", found);
        }

        var info = new SKImageInfo(open.Info.Width, open.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var decoded = open.GetPixels(info, bitmap.GetPixels());
        if (decoded != SKCodecResult.Success)
        {
            throw new DataFormatException(path, "a complete image", $"{decoded} while decoding its {info.Width}x{info.Height} pixels");
        }

        int height = shape.Height, width = shape.Width;
        using var resized = info.Width == width && info.Height == height
            ? null
            : bitmap.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul), SKFilterQuality.Medium)
                ?? throw new DataFormatException(path, $"an image SkiaSharp can resize to {width}x{height}", $"a {info.Width}x{info.Height} image it could not");
        ReadOnlySpan<byte> pixels = (resized ?? bitmap).GetPixelSpan();
        int plane = height * width;
        for (int i = 0; i < plane; i++)
        {
            byte r = pixels[i * 4], g = pixels[i * 4 + 1], b = pixels[i * 4 + 2];
            if (shape.Channels == 3)
            {
                destination[i] = r / 255f;
                destination[plane + i] = g / 255f;
                destination[2 * plane + i] = b / 255f;
            }
            else
            {
                destination[i] = (r * 299 + g * 587 + b * 114) / 1000 / 255f;
            }
        }
    }

    private static string? TooLarge(int width, int height, long maxPixels) =>
        (long)width * height <= maxPixels ? null : $"{width}x{height} = {(long)width * height} pixels in its header";
}
