namespace FluentNets.Data;

/// <summary>
/// Precomputed source rows, columns and weights for resampling one (H, W) plane to another,
/// made once per data set view and reused for every example.
/// </summary>
internal sealed class ResizePlan
{
    private readonly Axis rows;
    private readonly Axis columns;

    public ResizePlan(int inHeight, int inWidth, int outHeight, int outWidth, Interpolation interpolation)
    {
        rows = new Axis(inHeight, outHeight, interpolation);
        columns = new Axis(inWidth, outWidth, interpolation);
        InHeight = inHeight;
        InWidth = inWidth;
        OutHeight = outHeight;
        OutWidth = outWidth;
    }

    public int InHeight { get; }

    public int InWidth { get; }

    public int OutHeight { get; }

    public int OutWidth { get; }

    /// <summary>Resamples one plane.</summary>
    public void Resample(ReadOnlySpan<float> source, Span<float> destination)
    {
        ReadOnlySpan<int> left = columns.Low, right = columns.High;
        ReadOnlySpan<float> weights = columns.Weight;
        for (var y = 0; y < OutHeight; y++)
        {
            var top = source.Slice(rows.Low[y] * InWidth, InWidth);
            var bottom = source.Slice(rows.High[y] * InWidth, InWidth);
            var wy = rows.Weight[y];
            var output = destination.Slice(y * OutWidth, OutWidth);
            for (var x = 0; x < output.Length; x++)
            {
                var wx = weights[x];
                var upper = top[left[x]] + wx * (top[right[x]] - top[left[x]]);
                var lower = bottom[left[x]] + wx * (bottom[right[x]] - bottom[left[x]]);
                output[x] = upper + wy * (lower - upper);
            }
        }
    }

    /// <summary>For each output index: the two source indices it blends and the second one's weight.</summary>
    private sealed class Axis
    {
        public Axis(int input, int output, Interpolation interpolation)
        {
            Low = new int[output];
            High = new int[output];
            Weight = new float[output];
            var scale = (double)input / output;
            for (var i = 0; i < output; i++)
            {
                if (interpolation == Interpolation.Nearest)
                {
                    Low[i] = High[i] = Math.Min((int)Math.Floor((i + 0.5) * scale), input - 1);
                    continue;
                }

                // PyTorch's area_pixel_compute_source_index with align_corners=False.
                var position = Math.Max((i + 0.5) * scale - 0.5, 0);
                var low = Math.Min((int)position, input - 1);
                Low[i] = low;
                High[i] = Math.Min(low + 1, input - 1);
                Weight[i] = low == input - 1 ? 0 : (float)(position - low);
            }
        }

        public int[] Low { get; }

        public int[] High { get; }

        public float[] Weight { get; }
    }
}
