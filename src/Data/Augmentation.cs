namespace FluentNets.Data;

/// <summary>
/// Random changes to training images, drawn per example from the epoch's seed and the example's
/// index, so a seeded run sees the same images on every machine and thread count. Applied only to
/// batches drawn for training (<see cref="DataSet.Batches"/> with <c>shuffle: true</c>), never to
/// evaluation. A random crop keeps the image's aspect ratio, covers between <see cref="MinScale"/>
/// and all of its area, and is resized back bilinearly.
/// </summary>
/// <param name="HorizontalFlip">Mirror left to right with probability one half.</param>
/// <param name="MinScale">The smallest share of the area a crop keeps, in (0, 1]; 1 for no cropping.</param>
public sealed record Augmentation(bool HorizontalFlip = true, double MinScale = 1)
{
    /// <summary>Checks the fields.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MinScale"/> is not in (0, 1].</exception>
    public void Validate()
    {
        if (!(MinScale > 0 && MinScale <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MinScale), MinScale, "expected a crop scale in (0, 1].");
        }
    }

    /// <summary>Applies the changes to one channel-planar (C, H, W) image in place.</summary>
    internal void Apply(Span<float> image, int channels, int height, int width, ulong seed, Span<float> scratch)
    {
        var random = new SeededRandom(unchecked((int)SeededRandom.Mix(seed)));
        int plane = height * width;
        if (MinScale < 1)
        {
            double scale = Math.Sqrt(MinScale + (1 - MinScale) * SeededRandom.ToUnit(random.NextBits()));
            int cropHeight = Math.Max(1, (int)Math.Round(height * scale)), cropWidth = Math.Max(1, (int)Math.Round(width * scale));
            int top = random.NextInt(height - cropHeight + 1), left = random.NextInt(width - cropWidth + 1);
            image.CopyTo(scratch);
            for (int c = 0; c < channels; c++)
            {
                Crop(scratch.Slice(c * plane, plane), image.Slice(c * plane, plane), height, width, top, left, cropHeight, cropWidth);
            }
        }

        if (HorizontalFlip && (random.NextBits() & 1) == 1)
        {
            for (int row = 0; row < channels * height; row++)
            {
                image.Slice(row * width, width).Reverse();
            }
        }
    }

    // Bilinear resampling of the crop box onto the whole plane, with half-pixel centres (align_corners=False).
    private static void Crop(ReadOnlySpan<float> source, Span<float> destination, int height, int width, int top, int left, int cropHeight, int cropWidth)
    {
        double scaleY = (double)cropHeight / height, scaleX = (double)cropWidth / width;
        for (int y = 0; y < height; y++)
        {
            double sy = Math.Clamp((y + 0.5) * scaleY - 0.5, 0, cropHeight - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, cropHeight - 1);
            double fy = sy - y0;
            for (int x = 0; x < width; x++)
            {
                double sx = Math.Clamp((x + 0.5) * scaleX - 0.5, 0, cropWidth - 1);
                int x0 = (int)sx, x1 = Math.Min(x0 + 1, cropWidth - 1);
                double fx = sx - x0;
                double a = source[(top + y0) * width + left + x0], b = source[(top + y0) * width + left + x1];
                double c = source[(top + y1) * width + left + x0], d = source[(top + y1) * width + left + x1];
                destination[y * width + x] = (float)((a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy);
            }
        }
    }
}
