namespace FluentNets.Dsl.Tests;

public class Size2Tests
{
    [Fact]
    public void AnIntIsASquareAndATupleIsHeightByWidth()
    {
        Size2 square = 3;
        Size2 strip = (1, 7);

        Assert.Equal((new Size2(3, 3), true, "3x3"), (square, square.IsSquare, square.ToString()));
        Assert.Equal((new Size2(1, 7), false, "1x7"), (strip, strip.IsSquare, strip.ToString()));
    }
}
