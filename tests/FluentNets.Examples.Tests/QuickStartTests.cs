using System.Globalization;
using System.Text.RegularExpressions;
using QuickStartProgram = FluentNets.Examples.QuickStart.Program;

namespace FluentNets.Examples.Tests;

public class QuickStartTests
{
    [Fact]
    public void TrainsTheDigitsPastChanceInThreeEpochs()
    {
        using var output = new StringWriter();

        var exit = QuickStartProgram.Run(["--epochs", "3"], output);

        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("Total params: 29,738 (116.16 KB)", text, StringComparison.Ordinal);
        Assert.Contains("Training on digits-train: 1438 x 8x8x1, 10 classes; validating on 359 held-out images.", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^epoch 3/3: loss ", text);
        var accuracy = Regex.Match(text, @"(?m)^Validation accuracy: (\d\.\d{4}) \(\d+ of 359 digits\)");
        Assert.True(accuracy.Success, text);
        Assert.InRange(double.Parse(accuracy.Groups[1].Value, CultureInfo.InvariantCulture), 0.5, 1.0);
    }

    [Theory]
    [InlineData("--epochs", "0")]
    [InlineData("--epochs", "three")]
    [InlineData("--epoch", "3")]
    [InlineData("--epochs")]
    public void RejectsABadArgumentWithItsUsage(params string[] args)
    {
        using var output = new StringWriter();

        var exit = QuickStartProgram.Run(args, output);

        Assert.Equal(2, exit);
        Assert.Equal("usage: QuickStart [--epochs N]   (N a positive whole number; 3 by default)" + Environment.NewLine, output.ToString());
    }
}
