namespace FluentNets.Backends.Tests.TorchSharp;

public class NodeLoweringTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 1, 0)]
    [InlineData(0, 0, 3)]
    [InlineData(1, 2, 3)]
    [InlineData(1, 0, 2)]
    public void FlattenIsInHeightWidthChannelOrderSoADenseWeightHasKerasLayout(int h, int w, int c)
    {
        var network = Net.Input(2, 3, 4).Flatten().Dense(1, bias: false, name: "dense").ToNetwork();
        using var compiled = Cpu.Compile(network);
        var oneHot = new float[24];
        oneHot[(h * 3 + w) * 4 + c] = 1;
        compiled.SetState(new Dictionary<string, HostTensor> { ["dense.weight"] = new([1, 24], oneHot) });
        var x = Cpu.Ramp([2, 4, 2, 3]);

        var y = compiled.Infer(x);

        Assert.Equal([x.At(0, c, h, w), x.At(1, c, h, w)], y.Data);
    }

    [Fact]
    public void DenseOnAnImageIsTheSameKernelAtEveryPositionAsKerasAppliesItToTheLastAxis()
    {
        var network = Net.Input(3, 2, 4).Dense(5, activation: Activation.Softmax, name: "dense").ToNetwork();
        using var compiled = Cpu.Compile(network);
        var weight = Cpu.Random([5, 4], seed: 3);
        var bias = Cpu.Random([5], seed: 4);
        compiled.SetState(new Dictionary<string, HostTensor> { ["dense.weight"] = weight, ["dense.bias"] = bias });
        using var reference = new FluentNets.Backends.Reference.ReferenceBackend().Compile(network, seed: 0);
        reference.SetState(compiled.GetState());
        var x = Cpu.Random([2, 4, 3, 2]);

        var y = compiled.Infer(x);

        // softmax over the channels of y[n, :, i, j] = W x[n, :, i, j] + b, computed here in double.
        Assert.Equal([2, 5, 3, 2], y.Shape);
        for (int n = 0; n < 2; n++)
        {
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 2; j++)
                {
                    double[] z = Enumerable.Range(0, 5).Select(o => bias.Data[o] + Enumerable.Range(0, 4).Sum(k => (double)weight.Data[o * 4 + k] * x.At(n, k, i, j))).ToArray();
                    double total = z.Sum(Math.Exp);
                    for (int o = 0; o < 5; o++)
                    {
                        Assert.Equal(Math.Exp(z[o]) / total, y.At(n, o, i, j), 1e-6);
                    }
                }
            }
        }

        Reference.Close(y, reference.Infer(x));
    }

    [Fact]
    public void DropoutIsActiveOnlyInTraining()
    {
        var network = Net.Input(4000).Dropout(0.25, name: "dropout").ToNetwork();
        using var compiled = Cpu.Compile(network);
        var ones = Cpu.Filled([1, 4000], 1);

        var inference = compiled.Infer(ones);
        var training = compiled.Forward(ones, training: true)["dropout"];

        Assert.Equal(ones.Data, inference.Data);
        Assert.All(training.Data, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.75f) < 1e-6, $"{v}"));
        Assert.InRange(training.Data.Count(v => v == 0), 800, 1200);
    }

    [Fact]
    public void GlobalPoolingReducesEachChannel()
    {
        var input = Net.Input(3, 4, 2);
        var network = Net.Concat(input.GlobalAvgPool(), input.GlobalMaxPool()).ToNetwork();
        using var compiled = Cpu.Compile(network);
        var x = Cpu.Random([2, 2, 3, 4]);

        var y = compiled.Infer(x);

        var expected = Enumerable.Range(0, 2).SelectMany(n =>
            Enumerable.Range(0, 2).Select(c => x.Data.Skip((n * 2 + c) * 12).Take(12).Average())
                .Concat(Enumerable.Range(0, 2).Select(c => x.Data.Skip((n * 2 + c) * 12).Take(12).Max()))).ToArray();
        Reference.Close(new HostTensor([2, 4], expected), y, 1e-6);
    }

    [Fact]
    public void ZeroPaddingAddsZerosOnTheSidesGiven()
    {
        var network = Net.Input(2, 2, 1).ZeroPad((1, 0, 2, 1)).ToNetwork();
        using var compiled = Cpu.Compile(network);

        var y = compiled.Infer(new HostTensor([1, 1, 2, 2], [1, 2, 3, 4]));

        Assert.Equal([1, 1, 3, 5], y.Shape);
        Assert.Equal(
            [
                0, 0, 0, 0, 0,
                0, 0, 1, 2, 0,
                0, 0, 3, 4, 0,
            ],
            y.Data);
    }

    [Theory]
    [InlineData(5, 1e-1, 0.75, 2)]
    [InlineData(4, 1e-1, 0.5, 1)]
    public void LocalResponseNormalisationFollowsPytorch(int size, double alpha, double beta, double k)
    {
        var network = Net.Input(1, 2, 7).Lrn(size, alpha, beta, k).ToNetwork();
        using var compiled = Cpu.Compile(network);
        var x = Cpu.Random([1, 7, 1, 2]);

        var y = compiled.Infer(x);

        for (int c = 0; c < 7; c++)
        {
            for (int w = 0; w < 2; w++)
            {
                double sum = Enumerable.Range(c - size / 2, size).Where(j => j is >= 0 and < 7).Sum(j => Math.Pow(x.At(0, j, 0, w), 2));
                Assert.Equal(x.At(0, c, 0, w) / Math.Pow(k + alpha / size * sum, beta), y.At(0, c, 0, w), 1e-6);
            }
        }
    }

    [Fact]
    public void ConcatenateStacksImagesAlongChannelsInBranchOrder()
    {
        var x = Net.Input(2, 2, 2);
        var network = Net.Concat(x.Relu(), x, x.Sigmoid()).ToNetwork();
        using var compiled = Cpu.Compile(network);
        var input = Cpu.Random([2, 2, 2, 2]);

        var y = compiled.Infer(input);

        Assert.Equal([2, 6, 2, 2], y.Shape);
        Assert.Equal(Math.Max(input.At(1, 1, 0, 1), 0), y.At(1, 1, 0, 1));
        Assert.Equal(input.At(1, 1, 0, 1), y.At(1, 3, 0, 1));
        Assert.Equal(1 / (1 + Math.Exp(-input.At(1, 1, 0, 1))), y.At(1, 5, 0, 1), 1e-6);
    }

    [Fact]
    public void AddSumsEveryInput()
    {
        var x = Net.Input(2, 2, 2);
        var network = Net.Add(x, x.Relu(), x.Tanh()).ToNetwork();
        using var compiled = Cpu.Compile(network);
        var input = Cpu.Random([1, 2, 2, 2]);

        var expected = input.Data.Select(v => v + Math.Max(v, 0) + MathF.Tanh(v)).ToArray();

        Reference.Close(new HostTensor([1, 2, 2, 2], expected), compiled.Infer(input), 1e-6);
    }

    [Fact]
    public void MultiplyScalesEachChannelOfAnImageByAVector()
    {
        var x = Net.Input(2, 3, 2);
        var network = Net.Multiply(x, x.GlobalAvgPool()).ToNetwork();
        using var compiled = Cpu.Compile(network);
        var input = Cpu.Random([2, 2, 2, 3]);

        var y = compiled.Infer(input);

        var expected = input.Data.Select((v, i) => v * input.Data.Skip(i / 6 * 6).Take(6).Average()).ToArray();
        Reference.Close(new HostTensor([2, 2, 2, 3], expected), y, 1e-6);
    }

    [Fact]
    public void MultiplyBroadcastsA1x1ImageOverAnImage()
    {
        var x = Net.Input(2, 2, 2);
        var network = Net.Multiply(x, x.MaxPool(2)).ToNetwork();
        using var compiled = Cpu.Compile(network);
        var input = Cpu.Random([1, 2, 2, 2]);

        var expected = input.Data.Select((v, i) => v * input.Data.Skip(i / 4 * 4).Take(4).Max()).ToArray();

        Reference.Close(new HostTensor([1, 2, 2, 2], expected), compiled.Infer(input), 1e-6);
    }

    [Fact]
    public void MultiplyOfVectorsIsElementWise()
    {
        var v = Net.Input(3);
        var network = Net.Multiply(v, v.Sigmoid()).ToNetwork();
        using var compiled = Cpu.Compile(network);

        var expected = new[] { -1f, 0, 2 }.Select(a => a / (1 + MathF.Exp(-a))).ToArray();

        Reference.Close(new HostTensor([1, 3], expected), compiled.Infer(new HostTensor([1, 3], [-1, 0, 2])), 1e-6);
    }
}
