namespace FluentNets.Backends.Tests.TorchSharp;

public class WindowsTests
{
    public static TheoryData<int, int, (int, int), (int, int)> SameCases => new()
    {
        // h, w, pool, stride
        { 5, 5, (2, 2), (2, 2) },   // total 1: nothing above, 1 below (asymmetric)
        { 5, 5, (3, 3), (2, 2) },   // total 2: (1, 1), libtorch's own padding
        { 4, 6, (3, 3), (1, 1) },   // total 2 both ways
        { 6, 6, (2, 2), (1, 1) },   // total 1 (0, 1)
        { 7, 4, (3, 3), (2, 2) },   // rows total 2 (1, 1), columns total 1 (0, 1)
        { 8, 8, (4, 4), (1, 1) },   // total 3: (1, 2)
    };

    [Theory]
    [MemberData(nameof(SameCases))]
    public void SameMaxPoolingNeverPicksThePadding(int h, int w, (int H, int W) pool, (int H, int W) stride)
    {
        var network = Net.Input(h, w, 2).MaxPool(pool, s: stride, pad: Padding.Same).ToNetwork();
        using var compiled = Cpu.Compile(network);
        var x = Cpu.Random([2, 2, h, w]);
        var negative = new HostTensor(x.Shape.ToArray(), x.Data.Select(v => v - 2).ToArray());

        var actual = compiled.Infer(negative);

        Assert.All(actual.Data, v => Assert.True(v < -1, $"{v} came from the padding"));
        Assert.Equal(Reference.Pool(negative, max: true, pool, stride, Pads(h, w, pool, stride)).Data, actual.Data);
    }

    [Theory]
    [MemberData(nameof(SameCases))]
    public void SameAveragePoolingOfOnesIsExactlyOneAtTheBorders(int h, int w, (int H, int W) pool, (int H, int W) stride)
    {
        var network = Net.Input(h, w, 3).AvgPool(pool, s: stride, pad: Padding.Same).ToNetwork();
        using var compiled = Cpu.Compile(network);

        var actual = compiled.Infer(Cpu.Filled([2, 3, h, w], 1));

        Assert.Equal(HostTensor.BatchShape(network.Output.Shape, 2), actual.Shape);
        Assert.All(actual.Data, v => Assert.Equal(1f, v));
    }

    [Theory]
    [MemberData(nameof(SameCases))]
    public void SameAveragePoolingAveragesTheRealCellsOnly(int h, int w, (int H, int W) pool, (int H, int W) stride)
    {
        var network = Net.Input(h, w, 2).AvgPool(pool, s: stride, pad: Padding.Same).ToNetwork();
        using var compiled = Cpu.Compile(network);
        var x = Cpu.Random([2, 2, h, w]);

        Reference.Close(Reference.Pool(x, max: false, pool, stride, Pads(h, w, pool, stride)), compiled.Infer(x), 1e-6);
    }

    [Theory]
    [InlineData(true, 1, 1, 1, 1)]
    [InlineData(false, 1, 1, 1, 1)]
    [InlineData(true, 0, 1, 1, 0)]
    [InlineData(false, 0, 1, 1, 0)]
    public void ExplicitPoolingPadsFollowTheSameRules(bool max, int top, int bottom, int left, int right)
    {
        var input = Net.Input(6, 5, 2);
        var pad = Padding.Explicit(top, bottom, left, right);
        var network = (max ? input.MaxPool(3, s: 2, pad: pad) : input.AvgPool(3, s: 2, pad: pad)).ToNetwork();
        using var compiled = Cpu.Compile(network);
        var x = Cpu.Random([1, 2, 6, 5]);
        var negative = new HostTensor(x.Shape.ToArray(), x.Data.Select(v => v - 2).ToArray());

        Reference.Close(Reference.Pool(negative, max, (3, 3), (2, 2), (top, bottom, left, right)), compiled.Infer(negative), 1e-6);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ValidPoolingDropsTheRemainder(bool max)
    {
        var input = Net.Input(7, 7, 1);
        var network = (max ? input.MaxPool(2) : input.AvgPool(2)).ToNetwork();
        using var compiled = Cpu.Compile(network);
        var x = Cpu.Random([1, 1, 7, 7]);

        Reference.Close(Reference.Pool(x, max, (2, 2), (2, 2), (0, 0, 0, 0)), compiled.Infer(x), 1e-6);
    }

    private static (int, int, int, int) Pads(int h, int w, (int H, int W) pool, (int H, int W) stride)
    {
        var (top, bottom) = Reference.Same(h, pool.H, stride.H);
        var (left, right) = Reference.Same(w, pool.W, stride.W);
        return (top, bottom, left, right);
    }
}
