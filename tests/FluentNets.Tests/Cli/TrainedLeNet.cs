using FluentNets.Tests.Data;

namespace FluentNets.Tests.Cli;

/// <summary>LeNet-5 trained for one epoch on the synthetic data by <c>fluentnets train --save --format json</c>, once for a test class.</summary>
public sealed class TrainedLeNet : IDisposable
{
    private readonly TempDirectory temp = new();

    public TrainedLeNet()
    {
        Weights = Path.Combine(temp.Path, "lenet5.safetensors");
        Train = CliRun.Of("train", "lenet5", "--data", "synthetic", "--epochs", "1", "--batch", "50", "--device", "cpu", "--seed", "3", "--save", Weights, "--format", "json");
    }

    /// <summary>The weights file train saved.</summary>
    public string Weights { get; }

    /// <summary>The training run.</summary>
    public CliRun Train { get; }

    /// <summary>Writes another file of a test into the temp folder and returns its path.</summary>
    public string Write(string name, byte[] bytes) => temp.Write(name, bytes);

    /// <summary>A path in the temp folder, for a file a test writes itself.</summary>
    public string PathOf(string name) => Path.Combine(temp.Path, name);

    public void Dispose() => temp.Dispose();
}
