namespace FluentNets.Tests;

public class ShapeRulesTests
{
    [Theory]
    [InlineData(32, 5, 1, 0, 0, 1, 28)]
    [InlineData(224, 11, 4, 2, 2, 1, 55)]
    [InlineData(7, 3, 2, 1, 1, 1, 4)]
    [InlineData(10, 3, 1, 0, 0, 2, 6)]
    [InlineData(5, 7, 1, 0, 0, 1, -1)]
    public void OutputSizeFollowsTheFormula(int n, int f, int s, int before, int after, int d, int expected) =>
        Assert.Equal(expected, ShapeRules.OutputSize(n, f, s, before, after, d));

    [Theory]
    [InlineData(224, 11, 4, 56, 3, 4)]
    [InlineData(14, 3, 3, 5, 0, 1)]
    [InlineData(5, 2, 2, 3, 0, 1)]
    [InlineData(28, 3, 1, 28, 1, 1)]
    [InlineData(8, 1, 2, 4, 0, 0)]
    public void SamePaddingPutsTheOddCellAfter(int n, int f, int s, int outSize, int before, int after)
    {
        Assert.Equal(outSize, ShapeRules.SameOutputSize(n, s));
        Assert.Equal((before, after), ShapeRules.SamePadding(n, f, s));
    }
}
