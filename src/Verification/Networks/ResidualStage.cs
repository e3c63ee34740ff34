using System.Collections.Immutable;
using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>
/// A residual block: body(x) + shortcut(x), the shortcut the input itself or a 1x1 convolution
/// (with a bias) and BatchNorm that project it to the body's shape.
/// </summary>
/// <param name="Body">The body's stages.</param>
/// <param name="Shortcut">Identity, projection, or chosen from the shapes.</param>
/// <param name="Activation">Activation after the addition (layer <c>out</c>), or none.</param>
/// <param name="Name">Explicit block name; automatic (<c>residual</c>, <c>residual_1</c>...) when null.</param>
[Generates(typeof(Add))]
[Generates(typeof(Conv2D))]
[Generates(typeof(BatchNormalization))]
[Generates(typeof(ActivationLayer))]
public sealed record ResidualStage(ImmutableArray<Stage> Body, Shortcut Shortcut, Activation Activation, string? Name = null) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.Residual(b => AddAll(Body, b), Shortcut, activation: Activation, name: Name);

    /// <inheritdoc />
    public override string ToString() =>
        $".Residual(b => {Chain("b", Body)}, Shortcut.{Shortcut}, activation: {CSharp.Activation(Activation)}{CSharp.Name(Name)})";

    /// <summary>The same block with <paramref name="stage"/> inserted into its body at <paramref name="index"/>.</summary>
    public ResidualStage Inserting(int index, Stage stage) => this with { Body = Body.Insert(index, stage) };

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        var block = scope.Block(Name, "residual");
        var body = ExpectAll(Body, block, input);
        if (block.Failed)
        {
            return input;
        }

        bool project = Shortcut == Shortcut.Projection || (Shortcut == Shortcut.Auto && body != input);
        if (project)
        {
            string conv = block.Named("shortcut_conv");
            if (!Oracle.SomeStrideReaches(input.Height, body.Height) || !Oracle.SomeStrideReaches(input.Width, body.Width))
            {
                return block.Fail(conv, input);
            }

            block.Layer(
                conv,
                body.ToShape(),
                Oracle.ConvParams(1, input.Channels, 1, body.Channels, bias: true),
                macs: Oracle.ConvMacs(body.Height, body.Width, body.Channels, 1, input.Channels, 1));
            var (trainable, nonTrainable) = Oracle.BatchNormParams(body.Channels, center: true, scale: true);
            block.Layer(block.Named("shortcut_bn"), body.ToShape(), trainable, nonTrainable);
        }

        string add = block.Named("add");
        if (!project && body != input)
        {
            return block.Fail(add, input);
        }

        block.Layer(add, body.ToShape());
        if (Activation != Activation.None)
        {
            block.Layer(block.Named("out"), body.ToShape());
        }

        return body;
    }
}
