namespace FluentNets.Cli;

/// <summary>
/// What <c>train</c> uses for the embedded digits where the user gives no value: batch 32, Adam
/// (or AdamW) at rate 0.002, cosine decay. The seeds' batch 128 and rate 0.001 are made for MNIST's
/// 60,000 images (469 steps an epoch); the digits' 1438 training images make 12 steps of 128 an
/// epoch, and 10 epochs of those stop at 95% to 97% validation accuracy (seeds 0 to 2, standardised
/// or not). LeNet-5 with standardised inputs, 10 epochs: batch 32 at constant rate 0.001 ends at
/// 95.5% to 98.1% over seeds 0 to 2 (the last epoch swings); batch 32 at rate 0.002 decayed by a
/// cosine ends at 97.8% to 98.6% over seeds 0 to 3 (97.0% to 97.8% without standardisation).
/// </summary>
public static class DigitsRecipe
{
    /// <summary>Examples per step: 45 steps an epoch.</summary>
    public const int Batch = 32;

    /// <summary>Adam's and AdamW's rate at the first epoch.</summary>
    public const double LearningRate = 0.002;

    /// <summary>The rate falls to 0 along a cosine over the epochs, so the last epoch, the one reported, is not a swing.</summary>
    public const string Schedule = "cosine";

    /// <summary>The sentence the help gives for these defaults.</summary>
    public const string Why =
        "For --data digits, whose 1438 training images make only 12 steps of 128 an epoch (the seeds' batch 128 and rate 0.001 "
        + "stop near 96% in 10 epochs), the defaults are batch 32, rate 0.002 for adam and adamw, and a cosine schedule.";

    /// <summary>Whether <paramref name="data"/> is the embedded digits' <c>--data</c> spec.</summary>
    public static bool AppliesTo(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return string.Equals(data.Trim(), RunOptions.DefaultData, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The learning rate when the user gave none: <see cref="LearningRate"/> for adam and adamw on the digits, else the optimiser's own (null).</summary>
    public static double? DefaultLearningRate(string data, string optimizer) =>
        AppliesTo(data) && optimizer.ToLowerInvariant() is "adam" or "adamw" ? LearningRate : null;
}
