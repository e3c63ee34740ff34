using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>Keras's <c>Rescaling</c>, x * scale + offset, each one value for every channel or one per channel.</summary>
/// <param name="Scale">One factor, or one per channel (a planted error gives another count).</param>
/// <param name="Offset">One offset, or one per channel.</param>
/// <param name="Name">Explicit layer name; automatic when null.</param>
[Generates(typeof(Rescaling))]
public sealed record RescaleStage(ValueList<double> Scale, ValueList<double> Offset, string? Name = null) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => IsUniform
        ? x.Rescale(Scale[0], Offset[0], Name)
        : x.Rescale(Scale.ToArray(), Offset.ToArray(), Name);

    /// <inheritdoc />
    public override string ToString() => IsUniform
        ? $".Rescale({CSharp.Double(Scale[0])}, {CSharp.Double(Offset[0])}{CSharp.Name(Name)})"
        : $".Rescale({CSharp.Doubles(Scale)}, {CSharp.Doubles(Offset)}{CSharp.Name(Name)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        string name = scope.Propose(Name, "rescaling");
        bool Fits(ValueList<double> values) => values.Count == 1 || values.Count == input.Channels;
        if (!Fits(Scale) || !Fits(Offset))
        {
            return scope.Fail(name, input);
        }

        scope.Layer(name, input.ToShape());
        return input;
    }

    private bool IsUniform => Scale.Count == 1 && Offset.Count == 1;
}
