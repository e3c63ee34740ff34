using System.Globalization;
using System.Text.RegularExpressions;
using BackendsProgram = FluentNets.Examples.Backends.Program;

namespace FluentNets.Examples.Tests;

public class BackendsTests
{
    [Fact]
    public void BothBackendsGiveTheSameOutputsForTheSameWeights()
    {
        using var output = new StringWriter();

        var exit = BackendsProgram.Run(output);

        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("Registered backends: torchsharp, reference", text, StringComparison.Ordinal);
        Assert.Contains("Get(\"onnx\"): unknown backend 'onnx'. Registered backends: torchsharp, reference.", text, StringComparison.Ordinal);
        Assert.True(Difference(text, "with their own weights") > 0.01, text);
        Assert.True(Difference(text, "with the same weights") < BackendsProgram.Tolerance, text);
        Assert.Contains("The backends agree within 0.0001.", text, StringComparison.Ordinal);
    }

    private static double Difference(string text, string label)
    {
        var match = Regex.Match(text, $@"(?m)^Max \|difference\| {Regex.Escape(label)}: (\S+)");
        Assert.True(match.Success, text);
        return double.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
