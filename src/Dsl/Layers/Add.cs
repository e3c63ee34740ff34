using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>Element-wise sum of inputs of one shape.</summary>
public sealed record Add : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "Add";

    /// <inheritdoc />
    public override string NamePrefix => "add";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        if (context.Inputs.Any(s => !s.Equals(context.Input)))
        {
            throw context.Fail($"Add needs inputs of one shape; received {context.DescribeInputs()}.");
        }

        return new LayerOutput(context.Input);
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input;
}
