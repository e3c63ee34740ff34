using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FluentNets.PropertyTests;

/// <summary>
/// A network compiled for inference computes what the same network compiled as it is computes in
/// inference mode: random networks with a BatchNorm after every kind of layer it folds into (Conv2D,
/// DepthwiseConv2D, SeparableConv2D, Dense on an image), Keras's and PyTorch's epsilons, with and
/// without beta and gamma, the same random state and batch in both, outputs within 1e-4 absolute plus
/// 1e-4 relative.
/// </summary>
[Properties(Arbitrary = new[] { typeof(Arbitraries) })]
public class InferenceProperties
{
    [Property]
    public Property FoldedNetworksComputeWhatTheUnfoldedOnesCompute(FoldingNetwork folding, PositiveInt seed)
    {
        var network = folding.Description.Build();
        using var plain = Devices.Torch.Compile(network, seed.Get);
        using var compiled = Devices.Torch.CompileForInference(network, seed.Get);
        var state = Devices.RandomState(plain.Parameters, seed.Get);
        plain.SetState(state);
        compiled.SetState(state);
        var input = Devices.RandomInput(network, 1 + (seed.Get % 2), seed.Get);

        Devices.AssertClose(plain.Infer(input), compiled.Infer(input), network.Output.Name);

        int folded = compiled.FoldedLayers.Count;
        return Prop.ToProperty(true)
            .Classify(folded == 0, "nothing folded")
            .Classify(folded is 1 or 2, "1-2 BatchNorms folded")
            .Classify(folded > 2, "3 or more folded");
    }
}
