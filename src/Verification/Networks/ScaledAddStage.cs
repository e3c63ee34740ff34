using System.Collections.Immutable;
using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>
/// Inception-ResNet's scaled residual, x + scale * r(x) (keras.applications' <c>CustomScaleLayer</c>),
/// r a list of stages that keeps the shape.
/// </summary>
/// <param name="Residual">The residual branch's stages.</param>
/// <param name="Scale">The residual's factor.</param>
/// <param name="Name">Explicit name of the sum; automatic when null.</param>
[Generates(typeof(ScaledAdd))]
public sealed record ScaledAddStage(ImmutableArray<Stage> Residual, double Scale, string? Name = null) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => Net.ScaledAdd(Name, x, AddAll(Residual, x), Scale);

    /// <inheritdoc />
    public override string ToString() =>
        $".Then(x => Net.ScaledAdd({(Name is null ? "null" : $"\"{Name}\"")}, x, {Chain("x", Residual)}, {CSharp.Double(Scale)}))";

    /// <summary>The same sum with <paramref name="stage"/> inserted into its residual branch at <paramref name="index"/>.</summary>
    public ScaledAddStage Inserting(int index, Stage stage) => this with { Residual = Residual.Insert(index, stage) };

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        var residual = ExpectAll(Residual, scope, input);
        if (scope.Failed)
        {
            return input;
        }

        string name = scope.Propose(Name, "custom_scale_layer");
        if (residual != input)
        {
            return scope.Fail(name, input);
        }

        scope.Layer(name, input.ToShape());
        return input;
    }
}
