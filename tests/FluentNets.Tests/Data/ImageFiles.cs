using SkiaSharp;

namespace FluentNets.Tests.Data;

/// <summary>Writes small images with SkiaSharp's encoders: solid colours, or a left and a right half.</summary>
internal static class ImageFiles
{
    public static byte[] Solid(int width, int height, SKColor color, SKEncodedImageFormat format = SKEncodedImageFormat.Png) =>
        Halves(width, height, color, color, format);

    public static byte[] Halves(int width, int height, SKColor left, SKColor right, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, x < width / 2 ? left : right);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        return data.ToArray();
    }

    /// <summary>Seeded random pixels, which compress badly: a JPEG of them is mostly entropy-coded data.</summary>
    public static byte[] Noise(int width, int height, int seed, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        return data.ToArray();
    }

    /// <summary>A folder of two classes: red and blue squares, PNG and JPEG, and a few files that are not images.</summary>
    public static TempDirectory Flowers(int perClass = 6, int size = 12)
    {
        var folder = new TempDirectory();
        for (int i = 0; i < perClass; i++)
        {
            var format = i % 2 == 0 ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg;
            string extension = format == SKEncodedImageFormat.Png ? "png" : "jpg";
            folder.Write($"roses/rose{i}.{extension}", Solid(size + i, size, new SKColor(220, 20, 30), format));
            folder.Write($"tulips/tulip{i}.{extension}", Solid(size, size + i, new SKColor(30, 40, 210), format));
        }

        return folder;
    }
}
