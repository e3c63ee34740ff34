using FluentNets.Data;
using FluentNets.Training;

namespace FluentNets.Backends.Tests.TorchSharp.Training;

[Collection(nameof(TrainerTests))]
public sealed class ConfusionMatrixTests
{
    [Fact]
    public void CellsCountEachLabelAgainstItsPrediction()
    {
        int[] actual = [0, 0, 1, 1, 1, 2, 2, 2, 2];
        int[] predicted = [0, 1, 1, 1, 2, 2, 2, 0, 2];

        var matrix = ConfusionMatrix.FromLabels(actual, predicted, 3, ["cat", "dog", "bird"]);

        // Counted by hand: row = actual, column = predicted, as sklearn.metrics.confusion_matrix lays it out.
        int[,] expected = { { 1, 1, 0 }, { 0, 2, 1 }, { 1, 0, 3 } };
        for (int a = 0; a < 3; a++)
        {
            for (int p = 0; p < 3; p++)
            {
                Assert.Equal(expected[a, p], matrix[a, p]);
            }
        }

        Assert.Equal((9, 6), (matrix.Count, matrix.Correct));
        Assert.Equal(6.0 / 9, matrix.Accuracy);
        Assert.Equal(["cat", "dog", "bird"], matrix.ClassNames);
    }

    [Fact]
    public void ALabelOutsideTheClassesIsRejectedWithItsPosition()
    {
        var e = Assert.Throws<ArgumentException>(() => ConfusionMatrix.FromLabels([0, 3], [0, 0], 3));

        Assert.StartsWith("expected labels in [0, 3). Received: actual=3, predicted=0 at example 1.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OfATrainedNetworkCountsEveryExampleOnceAndAgreesWithEvaluate()
    {
        var (train, validation) = DataSets.Digits().Split(0.8, seed: DataSets.DigitsSplitSeed);
        var network = Net.Input(8, 8, 1).Conv(8, 3, activation: Activation.Relu).Flatten().Dense(10, activation: Activation.Softmax).ToNetwork("small");
        using var compiled = Cpu.Compile(network, seed: 1);
        compiled.Fit(train, new FitOptions { Epochs = 2, BatchSize = 32, Seed = 1 });

        var matrix = ConfusionMatrix.Of(compiled, validation, batchSize: 50);

        Assert.Equal(validation.Count, matrix.Count);
        // Each row holds every example of its class, counted from the labels directly.
        for (int a = 0; a < 10; a++)
        {
            Assert.Equal(validation.Labels.Count(l => l == a), Enumerable.Range(0, matrix.Classes).Sum(p => matrix[a, p]));
        }

        // libtorch's accuracy (argmax of the logits on the device) against the host's argmax of the probabilities.
        var evaluation = compiled.Evaluate(validation);
        Assert.Equal((int)Math.Round(evaluation.Accuracy * evaluation.Count), matrix.Correct);
    }
}
