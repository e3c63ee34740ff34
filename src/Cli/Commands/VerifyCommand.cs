using System.CommandLine;
using System.Globalization;
using FluentNets.Backends;
using FluentNets.Backends.TorchSharp;
using FluentNets.Graph;
using FluentNets.Interop;
using FluentNets.Zoo;
using Spectre.Console;

namespace FluentNets.Cli.Commands;

/// <summary>
/// <c>fluentnets verify &lt;model&gt; [--backend torchsharp|reference] [--device auto|cpu|cuda] [--input HxWxC] [--classes N] [--no-top [--pooling none|avg|max]] [--weights FILE]</c>:
/// compiles a zoo model on a backend, runs a batch of 2 forward (in training mode when the model has
/// auxiliary heads, to get every named output) and compares each output's shape and the parameter
/// counts with the DSL's. Exits with <see cref="ExitCodes.Failure"/> when any row differs.
/// </summary>
/// <param name="models">The models it can build.</param>
/// <param name="backends">The backends, by device.</param>
/// <param name="output">Where it prints.</param>
public sealed class VerifyCommand(IReadOnlyList<ZooModel> models, BackendFactory backends, CliOutput output) : ICliCommand
{
    private const int Batch = 2;

    /// <inheritdoc />
    public Command Create()
    {
        var model = ModelOptions.Model(models);
        var input = ModelOptions.Input();
        input.Description += " The reference backend runs plain C# loops and takes minutes on a large model at its published input: give a smaller input where the architecture allows one, e.g. --input 32x32x3 for vgg16.";
        var classes = ModelOptions.Classes();
        var noTop = ModelOptions.NoTop();
        var pooling = ModelOptions.Pooling();
        var backend = new Option<string>("--backend")
        {
            Description = "torchsharp (libtorch) or reference (plain C#, slow: large models may need a smaller --input).",
            HelpName = "torchsharp|reference",
            DefaultValueFactory = _ => TorchSharpBackend.BackendName,
        };
        var device = RunOptions.Device();
        device.Description += " The reference backend always runs on the CPU.";

        var weights = ModelOptions.Weights("Load these weights into the compiled model before running it (checked first; nothing is loaded half-way).");

        var command = new Command("verify", "Compile a model on a backend, run a batch of 2, and check its output shapes and parameter counts against the DSL.")
        {
            model, backend, device, input, classes, noTop, pooling, weights,
        };
        command.SetAction(parse =>
        {
            var network = ModelOptions.Build(parse.GetRequiredValue(model), parse.GetValue(input), parse.GetValue(classes), parse.GetValue(noTop), parse.GetValue(pooling));
            return Verify(network, parse.GetRequiredValue(backend), parse.GetRequiredValue(device), parse.GetValue(weights));
        });
        return command;
    }

    private int Verify(Network network, string backendName, string device, string? weights)
    {
        var state = weights is null ? null : WeightFiles.Checked(weights, network);
        var backend = backends.Get(backendName, device);
        using var compiled = backend.Compile(network, seed: 0);
        if (state is not null)
        {
            compiled.SetState(state);
            output.Out.WriteLine($"loaded {weights}: {state.Count} tensors");
        }

        var x = RandomBatch(network.Input.Shape);
        // Auxiliary heads only run in training mode, which gives the main output too.
        var outputs = compiled.Forward(x, training: network.Auxiliary.Count > 0);

        var rows = new List<Row>();
        foreach (var (name, node) in network.Outputs)
        {
            string expected = Dims(HostTensor.BatchShape(node.Shape, Batch));
            rows.Add(new Row($"output {name}", expected, outputs.TryGetValue(name, out var tensor) ? Dims(tensor.Shape) : "missing"));
        }

        var dsl = network.Analysis.Params;
        rows.Add(new Row("trainable params", Count(dsl.Trainable), Count(compiled.Parameters.Where(p => p.Trainable).Sum(p => p.Elements))));
        rows.Add(new Row("non-trainable params", Count(dsl.NonTrainable), Count(compiled.Parameters.Where(p => !p.Trainable).Sum(p => p.Elements))));

        output.Out.WriteLine($"{network.Name} on {compiled.Backend} ({compiled.Device}), input {network.Input.Shape}, batch {Batch}");
        var table = new Table().AddColumn("Check").AddColumn(new TableColumn("DSL").RightAligned()).AddColumn(new TableColumn(compiled.Backend).RightAligned()).AddColumn("Result");
        foreach (var row in rows)
        {
            table.AddRow(
                new Text(row.Check), new Text(row.Dsl), new Text(row.Backend),
                row.Passes ? new Text("PASS", new Style(Color.Green)) : new Text("FAIL", new Style(Color.Red)));
        }

        output.Console.Write(table);
        int failed = rows.Count(r => !r.Passes);
        if (failed == 0)
        {
            return ExitCodes.Success;
        }

        output.WriteError($"{network.Name} on {compiled.Backend}: {failed} of {rows.Count} checks differ from the DSL.");
        return ExitCodes.Failure;
    }

    // Uniform in [-1, 1) from a fixed seed: the same input on every run and backend.
    private static HostTensor RandomBatch(Shape shape)
    {
        var random = new Random(0);
        int[] dims = HostTensor.BatchShape(shape, Batch);
        var data = new float[dims.Aggregate(1, (n, d) => n * d)];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return new HostTensor(dims, data);
    }

    private static string Dims(IEnumerable<int> shape) => $"[{string.Join(", ", shape)}]";

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private sealed record Row(string Check, string Dsl, string Backend)
    {
        public bool Passes => Dsl == Backend;
    }
}
