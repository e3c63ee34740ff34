using System.Runtime.InteropServices;

namespace FluentNets.Benchmarks.Inference;

/// <summary>float32 arrays as raw little-endian files, which PyTorch reads with <c>torch.frombuffer</c>.</summary>
public static class RawFloats
{
    /// <summary>Writes <paramref name="values"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, ReadOnlySpan<float> values) => File.WriteAllBytes(path, MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>The values in <paramref name="path"/>.</summary>
    public static float[] Read(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();

    /// <summary>The largest absolute difference of two arrays of one length; infinity where the lengths differ or a value is not finite.</summary>
    public static double MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            return double.PositiveInfinity;
        }

        double worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = Math.Abs((double)a[i] - b[i]);
            worst = double.IsFinite(d) ? Math.Max(worst, d) : double.PositiveInfinity;
        }

        return worst;
    }
}
