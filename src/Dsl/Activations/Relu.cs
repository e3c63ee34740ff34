using System.Globalization;

namespace FluentNets.Activations;

/// <summary>
/// Keras's ReLU with its arguments (<c>keras.activations.relu</c>, the <c>ReLU</c> layer):
/// <see cref="MaxValue"/> for x &gt;= max_value, x for threshold &lt;= x &lt; max_value, and
/// <see cref="NegativeSlope"/> * (x - threshold) below the threshold.
/// </summary>
/// <param name="MaxValue">The cap (6 for ReLU6), or null for none.</param>
/// <param name="NegativeSlope">The slope below the threshold (0 by default).</param>
/// <param name="Threshold">Where the function turns (0 by default).</param>
public sealed record Relu(double? MaxValue = null, double NegativeSlope = 0, double Threshold = 0) : Activation
{
    /// <inheritdoc />
    public override string KerasName => "relu";

    /// <summary>Whether this is plain max(x, 0).</summary>
    public bool IsPlain => MaxValue is null && NegativeSlope == 0 && Threshold == 0;

    /// <summary>Whether this is min(max(x, 0), cap): no slope, no threshold.</summary>
    public bool IsClipped => NegativeSlope == 0 && Threshold == 0;

    /// <inheritdoc />
    public override string KerasLayer => IsPlain ? "Activation" : "ReLU";

    /// <inheritdoc />
    public override string? Invalid =>
        MaxValue < 0 ? $"max_value of a ReLU cannot be negative. Received: max_value={Text(MaxValue.Value)}."
        : NegativeSlope < 0 ? $"negative_slope of a ReLU cannot be negative. Received: negative_slope={Text(NegativeSlope)}."
        : Threshold < 0 ? $"threshold of a ReLU cannot be negative. Received: threshold={Text(Threshold)}."
        : MaxValue < Threshold ? $"max_value of a ReLU must not be below its threshold. Received: max_value={Text(MaxValue.Value)}, threshold={Text(Threshold)}."
        : null;

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
