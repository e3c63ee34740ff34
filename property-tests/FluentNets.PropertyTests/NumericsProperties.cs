using FluentNets.Graph;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FluentNets.PropertyTests;

/// <summary>
/// The managed reference backend and TorchSharp compute the same thing: random small networks,
/// the same random weights loaded into both with SetState, the same random batch, outputs within
/// 1e-4 absolute plus 1e-4 relative in float32. Random networks rarely meet the shapes where a
/// kernel library goes wrong, so convolutions are also drawn from the zoo's own, at a batch of 2
/// or 3 (libtorch hands a single small image to its own kernels, not to oneDNN).
/// </summary>
[Properties(Arbitrary = new[] { typeof(Arbitraries) })]
public class NumericsProperties
{
    [Property]
    public Property ReferenceAndTorchSharpAgreeWithSharedWeights(NetworkDescription description, PositiveInt seed) =>
        Prop.ToProperty(() => Agree(description, seed.Get))
            .Classify(description.IsSequential, "sequential")
            .Classify(!description.IsSequential, "branched");

    [Property(MaxTest = 100)]
    public Property ZooConvolutionsAgreeWithTheReferenceBackend(PositiveInt seed) =>
        Prop.ForAll(ZooConvolution.Generator.ToArbitrary(), convolution => AgreeOn(convolution, seed.Get));

    internal static void AgreeOn(ZooConvolution convolution, int seed) =>
        Agree(convolution.Build(), seed, batch: 2 + (seed % 2), convolution.ToString());

    internal static void Agree(NetworkDescription description, int seed)
    {
        var network = description.Build();
        Agree(network, seed, batch: 1 + (seed % 2), network.Output.Name);
    }

    private static void Agree(Network network, int seed, int batch, string label)
    {
        using var torch = Devices.Torch.Compile(network, seed);
        using var reference = Devices.Reference.Compile(network, seed);
        var state = Devices.RandomState(torch.Parameters, seed);
        torch.SetState(state);
        reference.SetState(state);
        var input = Devices.RandomInput(network, batch, seed);

        Devices.AssertClose(reference.Infer(input), torch.Infer(input), label);
    }
}
