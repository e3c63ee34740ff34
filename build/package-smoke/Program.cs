using FluentNets;
using FluentNets.Backends;
using FluentNets.Backends.TorchSharp;
using Microsoft.Extensions.DependencyInjection;

// LeNet-5 from the packages: build it, check its count against the published 61,706, run one
// forward pass on the CPU and check that the softmax rows are probabilities.
var lenet = Net.Input(32, 32, 1)
    .Conv(6, 5, activation: Activation.Relu)
    .MaxPool(2, s: 2)
    .Conv(16, 5, activation: Activation.Relu)
    .MaxPool(2, s: 2)
    .Flatten()
    .Dense(120, activation: Activation.Relu)
    .Dense(84, activation: Activation.Relu)
    .Dense(10, activation: Activation.Softmax)
    .ToNetwork("lenet5");

using var services = new ServiceCollection()
    .AddFluentNets()
    .AddTorchSharpBackend(o => o.Device = "cpu")
    .BuildServiceProvider();
using var compiled = services.GetRequiredService<IBackendProvider>().Get("torchsharp").Compile(lenet, seed: 42);

const int batch = 2;
var random = new Random(7);
var pixels = Enumerable.Range(0, batch * 32 * 32).Select(_ => (float)random.NextDouble()).ToArray();
var output = compiled.Forward(new HostTensor([batch, 1, 32, 32], pixels)).Single().Value;

long parameters = compiled.Parameters.Sum(p => p.Elements);
var rowSums = Enumerable.Range(0, batch).Select(b => output.Data.Skip(b * 10).Take(10).Sum()).ToArray();
Console.WriteLine($"lenet5 on {compiled.Backend} ({compiled.Device}): {parameters:N0} parameters, output {output.ShapeText}, row sums {string.Join(", ", rowSums.Select(s => s.ToString("F6")))}");

bool ok = parameters == 61_706 && output.Shape.SequenceEqual([batch, 10]) && rowSums.All(s => Math.Abs(s - 1) < 1e-5);
Console.WriteLine(ok ? "package smoke test passed" : "package smoke test FAILED");
return ok ? 0 : 1;
