namespace FluentNets.Backends.Tests.TorchSharp;

public class ConvolutionModuleTests
{
    public static TheoryData<int, int, int, int, (int, int), (int, int), (int, int), int> SameCases => new()
    {
        // h, w, channels, filters, kernel, stride, dilation, groups
        { 6, 6, 2, 3, (4, 4), (1, 1), (1, 1), 1 },   // total 3: 1 above, 2 below
        { 6, 7, 2, 4, (3, 3), (2, 2), (1, 1), 2 },   // rows total 1 (0, 1), columns total 2 (1, 1)
        { 7, 7, 4, 4, (3, 3), (1, 1), (2, 2), 4 },   // dilation 2: effective 5, total 4 (2, 2)
        { 5, 8, 3, 6, (2, 3), (2, 1), (1, 2), 3 },   // rows (0, 1), columns dilated (2, 2)
        { 9, 4, 1, 2, (1, 4), (3, 1), (1, 1), 1 },   // rows total 0, columns total 3 (1, 2)
    };

    [Theory]
    [MemberData(nameof(SameCases))]
    public void SamePaddingPutsTheOddRowAndColumnBelowAndRight(int h, int w, int channels, int filters, (int H, int W) kernel, (int H, int W) stride, (int H, int W) dilation, int groups)
    {
        var network = Net.Input(h, w, channels).Conv(filters, kernel, s: stride, pad: Padding.Same, dilation: dilation, groups: groups, name: "conv").ToNetwork();
        using var compiled = Cpu.Compile(network);
        var x = Cpu.Random([2, channels, h, w]);
        var state = compiled.GetState();
        var (top, bottom) = Reference.Same(h, kernel.H, stride.H, dilation.H);
        var (left, right) = Reference.Same(w, kernel.W, stride.W, dilation.W);

        var expected = Reference.Conv(x, state["conv.weight"], state["conv.bias"], (top, bottom, left, right), stride, dilation, groups);
        var actual = compiled.Infer(x);

        Assert.Equal(HostTensor.BatchShape(network.Output.Shape, 2), actual.Shape);
        Reference.Close(expected, actual);
    }

    [Theory]
    [InlineData(0, 1, 2, 0)]
    [InlineData(1, 1, 1, 1)]
    [InlineData(0, 0, 0, 0)]
    public void ExplicitPaddingIsZeroPaddingOnTheSidesGiven(int top, int bottom, int left, int right)
    {
        var network = Net.Input(5, 5, 2).Conv(3, 3, pad: Padding.Explicit(top, bottom, left, right), bias: false, name: "conv").ToNetwork();
        using var compiled = Cpu.Compile(network);
        var x = Cpu.Random([1, 2, 5, 5]);

        var expected = Reference.Conv(x, compiled.GetState()["conv.weight"], null, (top, bottom, left, right), (1, 1), (1, 1), 1);

        Reference.Close(expected, compiled.Infer(x));
    }

    [Fact]
    public void ADepthwiseConvolutionConvolvesEachChannelWithItsMultiplierKernels()
    {
        var network = Net.Input(6, 6, 3).DepthwiseConv(3, depthMultiplier: 2, s: 2, pad: Padding.Same, name: "dw").ToNetwork();
        using var compiled = Cpu.Compile(network);
        var state = compiled.GetState();
        var x = Cpu.Random([2, 3, 6, 6]);
        var bias = new HostTensor([6], [1, 2, 3, 4, 5, 6]);
        compiled.SetState(new Dictionary<string, HostTensor> { ["dw.weight"] = state["dw.weight"], ["dw.bias"] = bias });

        var expected = Reference.Conv(x, state["dw.weight"], bias, (0, 1, 0, 1), (2, 2), (1, 1), groups: 3);

        Reference.Close(expected, compiled.Infer(x));
    }

    [Fact]
    public void AFusedActivationFollowsTheBias()
    {
        var network = Net.Input(4, 4, 1).Conv(1, 1, activation: Activation.Relu, name: "conv").ToNetwork();
        using var compiled = Cpu.Compile(network);
        compiled.SetState(new Dictionary<string, HostTensor>
        {
            ["conv.weight"] = new([1, 1, 1, 1], [1]),
            ["conv.bias"] = new([1], [-0.5f]),
        });
        var x = Cpu.Ramp([1, 1, 4, 4], scale: 0.1f);

        Assert.Equal(x.Data.Select(v => Math.Max(v - 0.5f, 0)), compiled.Infer(x).Data);
    }
}
