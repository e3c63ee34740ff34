namespace FluentNets.Backends.Tests.TorchSharp;

public class SeparableConvolutionModuleTests
{
    [Fact]
    public void ASeparableConvolutionIsDepthwiseThenPointwiseThenOneBias()
    {
        var network = Net.Input(7, 7, 2).SeparableConv(4, 3, s: 2, pad: Padding.Same, depthMultiplier: 2, activation: Activation.Tanh, name: "sep").ToNetwork();
        using var compiled = Cpu.Compile(network);
        var state = compiled.GetState();
        var bias = new HostTensor([4], [0.1f, -0.2f, 0.3f, -0.4f]);
        compiled.SetState(new Dictionary<string, HostTensor>
        {
            ["sep.depthwise.weight"] = state["sep.depthwise.weight"],
            ["sep.pointwise.weight"] = state["sep.pointwise.weight"],
            ["sep.bias"] = bias,
        });
        var x = Cpu.Random([2, 2, 7, 7]);

        var depthwise = Reference.Conv(x, state["sep.depthwise.weight"], null, (1, 1, 1, 1), (2, 2), (1, 1), groups: 2);
        var pointwise = Reference.Conv(depthwise, state["sep.pointwise.weight"], bias, (0, 0, 0, 0), (1, 1), (1, 1), groups: 1);
        var expected = new HostTensor(pointwise.Shape.ToArray(), pointwise.Data.Select(MathF.Tanh).ToArray());

        Reference.Close(expected, compiled.Infer(x));
    }

    [Fact]
    public void TheStateIsDepthwiseAndPointwiseKernelsAndThePointwiseBias()
    {
        var network = Net.Input(7, 7, 3).SeparableConv(4, 3, depthMultiplier: 2, name: "sep").ToNetwork();
        using var compiled = Cpu.Compile(network);

        Assert.Equal(
            ["sep.depthwise.weight [6, 1, 3, 3]", "sep.pointwise.weight [4, 6, 1, 1]", "sep.bias [4]"],
            compiled.Parameters.Select(p => $"{p.Name} {p.ShapeText}"));
    }
}
