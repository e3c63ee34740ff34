namespace FluentNets.Dsl.Tests;

public class PaddingTests
{
    [Fact]
    public void ExplicitPaddingIsGivenOnEverySide()
    {
        Assert.Equal(new ExplicitPadding(3, 3, 3, 3), Padding.Explicit(3));
        Assert.Equal(new ExplicitPadding(0, 0, 3, 3), Padding.Explicit(0, 3));
        Assert.Equal(new ExplicitPadding(0, 1, 0, 1), Padding.Explicit(0, 1, 0, 1));
    }

    [Fact]
    public void PaddingsPrintAsTheMessagesShowThem()
    {
        Assert.Equal("valid", Padding.Valid.ToString());
        Assert.Equal("same", Padding.Same.ToString());
        Assert.Equal("explicit 2", Padding.Explicit(2).ToString());
        Assert.Equal("explicit (0, 1, 0, 1)", Padding.Explicit(0, 1, 0, 1).ToString());
    }

    [Fact]
    public void UnevenPaddingPrintsEverySide()
    {
        Assert.Equal("explicit (1, 1, 2, 3)", Padding.Explicit(1, 1, 2, 3).ToString());
        Assert.Equal("explicit (1, 1, 2, 2)", Padding.Explicit(1, 2).ToString());
        Assert.Equal("explicit (1, 1, 1, 2)", Padding.Explicit(1, 1, 1, 2).ToString());
    }
}
