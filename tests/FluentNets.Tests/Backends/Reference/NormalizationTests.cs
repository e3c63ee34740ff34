using FluentNets.Backends.Reference;

namespace FluentNets.Tests.Backends.Reference;

public class NormalizationTests
{
    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void BatchNormInferenceUsesTheRunningStatistics(Precision precision)
    {
        // eps 0.25 makes the deviations sqrt(3.75 + 0.25) = 2 and sqrt(0.75 + 0.25) = 1.
        var net = Net.Input(1, 2, 2).BatchNorm(epsilon: 0.25, name: "bn").Compile(precision).With(
            ("bn.weight", [2, 0.5f]), ("bn.bias", [1, -1]), ("bn.running_mean", [1, 2]), ("bn.running_var", [3.75f, 0.75f]));

        // (x - mean) / deviation * gamma + beta on planes [1 2] and [3 4].
        Assert.Equal([1, 2, -0.5f, 0], net.Run([1, 2, 3, 4]));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void BatchNormWithoutScaleOrCenterUsesGammaOneAndBetaZero(Precision precision)
    {
        var net = Net.Input(1, 2, 2).BatchNorm(epsilon: 0.25, center: false, scale: false, name: "bn").Compile(precision).With(
            ("bn.running_mean", [1, 2]), ("bn.running_var", [3.75f, 0.75f]));

        Assert.Equal([0, 0.5f, 1, 2], net.Run([1, 2, 3, 4]));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void TrainingNormalisesWithTheBiasedBatchVarianceAndFoldsTheUnbiasedOneIntoTheRunningVariance(Precision precision)
    {
        // One channel holding 1 and 3: mean 2, biased variance 1 (unbiased 2); eps 0.44 makes the deviation 1.2.
        var net = Net.Input(1, 2, 1).BatchNorm(momentum: 0.9, epsilon: 0.44, name: "bn").Compile(precision);

        var output = net.Run([1, 3], training: true);
        var state = net.GetState();

        ReferenceHarness.Close([-1 / 1.2f, 1 / 1.2f], output);
        ReferenceHarness.Close([0.9f * 0 + 0.1f * 2], state["bn.running_mean"].Data);
        ReferenceHarness.Close([0.9f * 1 + 0.1f * 2], state["bn.running_var"].Data);
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void BatchStatisticsSpanTheBatchAndThePlane(Precision precision)
    {
        // Two examples of a 1x2 image: the channel's four values are 0, 2, 4, 6 (mean 3, biased variance 5, unbiased 20/3).
        var net = Net.Input(1, 2, 1).BatchNorm(momentum: 0.5, epsilon: 4, name: "bn").Compile(precision);

        var output = net.Run([0, 2, 4, 6], batch: 2, training: true);

        ReferenceHarness.Close([-1, -1 / 3f, 1 / 3f, 1], output);
        ReferenceHarness.Close([1.5f], net.GetState()["bn.running_mean"].Data);
        ReferenceHarness.Close([0.5f + 0.5f * 20 / 3f], net.GetState()["bn.running_var"].Data);
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void InferenceLeavesTheRunningStatisticsAlone(Precision precision)
    {
        var net = Net.Input(1, 2, 1).BatchNorm(name: "bn").Compile(precision);

        net.Run([1, 3]);

        Assert.Equal([0f], net.GetState()["bn.running_mean"].Data);
        Assert.Equal([1f], net.GetState()["bn.running_var"].Data);
    }

    [Theory]
    [InlineData(Precision.Float32, 3, new[] { 1 / 6f, 2 / 15f, 3 / 30f, 4 / 51f, 5 / 42f })]
    [InlineData(Precision.Float64, 3, new[] { 1 / 6f, 2 / 15f, 3 / 30f, 4 / 51f, 5 / 42f })]
    [InlineData(Precision.Float32, 4, new[] { 1 / 6f, 2 / 15f, 3 / 31f, 4 / 55f, 5 / 51f })]
    [InlineData(Precision.Float64, 4, new[] { 1 / 6f, 2 / 15f, 3 / 31f, 4 / 55f, 5 / 51f })]
    public void LrnDividesBySquaresOfTheNeighbouringChannels(Precision precision, int size, float[] expected)
    {
        // alpha = size makes alpha / size 1; beta 1, k 1: b = a / (1 + sum of a^2). Size 3 sums c-1..c+1,
        // size 4 sums c-2..c+1 (PyTorch pads size/2 channels before and (size-1)/2 after).
        var net = Net.Input(1, 1, 5).Lrn(size, alpha: size, beta: 1, k: 1).Compile(precision);

        ReferenceHarness.Close(expected, net.Run([1, 2, 3, 4, 5]));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void LrnMatchesPyTorchsFormulaWithAlexNetsConstants(Precision precision)
    {
        const int Channels = 7, Size = 5;
        const double Alpha = 1e-4, Beta = 0.75, K = 2;
        var input = ReferenceHarness.Random(Channels * 3 * 2, seed: 5, low: -30, high: 30);
        var net = Net.Input(3, 2, Channels).Lrn(Size, Alpha, Beta, K).Compile(precision);

        var expected = new float[input.Length];
        for (int c = 0; c < Channels; c++)
        {
            for (int p = 0; p < 6; p++)
            {
                double sum = Enumerable.Range(c - Size / 2, Size)
                    .Where(o => o is >= 0 and < Channels)
                    .Sum(o => (double)input[o * 6 + p] * input[o * 6 + p]);
                expected[c * 6 + p] = (float)(input[c * 6 + p] / Math.Pow(K + Alpha / Size * sum, Beta));
            }
        }

        ReferenceHarness.Close(expected, net.Run(input));
    }
}
