using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>
/// Keras's <c>Normalization</c> over the channels, (x - mean) / max(sqrt(variance), 1e-7): with its
/// statistics as saved state when <see cref="Mean"/> is null, with the given constants otherwise.
/// </summary>
/// <param name="Mean">One mean per channel, or null for saved state.</param>
/// <param name="Variance">One variance per channel, or null for saved state.</param>
/// <param name="Name">Explicit layer name; automatic when null.</param>
[Generates(typeof(Normalization))]
public sealed record NormalizeStage(ValueList<double>? Mean = null, ValueList<double>? Variance = null, string? Name = null) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => Mean is null || Variance is null
        ? x.Normalize(Name)
        : x.Normalize(Mean.ToArray(), Variance.ToArray(), Name);

    /// <inheritdoc />
    public override string ToString() => Mean is null || Variance is null
        ? $".Normalize({(Name is null ? "" : $"name: \"{Name}\"")})"
        : $".Normalize({CSharp.Doubles(Mean)}, {CSharp.Doubles(Variance)}{CSharp.Name(Name)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        string name = scope.Propose(Name, "normalization");
        if (Mean is null || Variance is null)
        {
            scope.Layer(name, input.ToShape(), nonTrainable: Oracle.NormalizationState(input.Channels));
            return input;
        }

        if (Mean.Count != input.Channels || Variance.Count != input.Channels || Variance.Any(v => v < 0))
        {
            return scope.Fail(name, input);
        }

        scope.Layer(name, input.ToShape());
        return input;
    }
}
