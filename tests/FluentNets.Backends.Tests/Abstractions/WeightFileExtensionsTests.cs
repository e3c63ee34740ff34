using FluentNets.Weights;

namespace FluentNets.Backends.Tests.Abstractions;

public sealed class WeightFileExtensionsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("fluentnets-weights-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static FluentNets.Graph.Network Mlp(int hidden) =>
        Net.Input(6, 6, 1).Conv(4, 3, name: "conv").BatchNorm(name: "bn").Flatten().Dense(hidden, name: "hidden").Dense(3, name: "out").ToNetwork("mlp");

    [Fact]
    public void ASavedNetworkLoadsBitExactlyIntoAnother()
    {
        string path = Path.Combine(directory, "mlp.safetensors");
        using var trained = Cpu.Compile(Mlp(8), seed: 1);
        trained.Forward(Cpu.Random([4, 1, 6, 6]), training: true);
        using var fresh = Cpu.Compile(Mlp(8), seed: 2);

        trained.Save(path);
        fresh.Load(path);

        var input = Cpu.Random([2, 1, 6, 6]);
        Assert.Equal(trained.GetState().Values.Select(t => t.Data), fresh.GetState().Values.Select(t => t.Data));
        Assert.Equal(trained.Infer(input).Data, fresh.Infer(input).Data);
    }

    [Fact]
    public void LoadingIntoANetworkOfAnotherShapeNamesTheFirstParameterThatDiffers()
    {
        string path = Path.Combine(directory, "mlp.safetensors");
        using var saved = Cpu.Compile(Mlp(8));
        using var other = Cpu.Compile(Mlp(9));
        var before = other.GetState();
        saved.Save(path);

        var e = Assert.Throws<WeightsException>(() => other.Load(path));

        Assert.Equal($"{path}: hidden.weight: the weights have [8, 64] but the network has [9, 64].", e.Message);
        Assert.Equal(before.Values.Select(t => t.Data), other.GetState().Values.Select(t => t.Data));
    }

    [Fact]
    public void TheMetadataNamesTheNetworkAndTheBackend()
    {
        string path = Path.Combine(directory, "mlp.safetensors");
        using var compiled = Cpu.Compile(Mlp(8));

        compiled.Save(path);

        string header = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(path), 8, 80);
        Assert.StartsWith("""{"__metadata__":{"format":"pt","network":"mlp","backend":"torchsharp"}""", header);
    }
}
