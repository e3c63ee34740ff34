using TransferLearningProgram = FluentNets.Examples.TransferLearning.Program;

namespace FluentNets.Examples.Tests;

public class TransferLearningTests
{
    [Fact]
    public void TheFrozenBaseKeepsEveryBitWhileTheNewHeadLearnsDigitsFiveToNine()
    {
        using var output = new StringWriter();

        var result = TransferLearningProgram.Run(output, epochs: 3);

        var text = output.ToString();
        var baseNames = result.Before.Keys.Where(k => k.StartsWith("base/", StringComparison.Ordinal)).ToArray();
        Assert.Equal(8, baseNames.Length);
        Assert.All(baseNames, name => Assert.Equal(result.Before[name].Data, result.After[name].Data));
        Assert.NotEqual(result.Before["digits_5_9.weight"].Data, result.After["digits_5_9.weight"].Data);
        Assert.NotEqual(result.Before["digits_5_9.bias"].Data, result.After["digits_5_9.bias"].Data);

        // The summary counts the base as non-trainable: only the head's 4 x 4 x 32 x 5 + 5 weights train.
        Assert.Contains("Trainable params: 2,565 (10.02 KB)", text, StringComparison.Ordinal);
        Assert.Contains("digits 5-9 with the frozen base and a new head: validation accuracy ", text, StringComparison.Ordinal);
        Assert.InRange(result.TransferAccuracy, 0.3, 1.0);
    }
}
