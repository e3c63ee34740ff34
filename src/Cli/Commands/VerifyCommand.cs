using System.CommandLine;
using System.Globalization;
using FluentNets.Backends;
using FluentNets.Backends.Reference;
using FluentNets.Backends.TorchSharp;
using FluentNets.Graph;
using FluentNets.Zoo;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FluentNets.Cli.Commands;

/// <summary>
/// <c>fluentnets verify &lt;model&gt; [--backend torchsharp|reference] [--device auto|cpu|cuda] [--input HxWxC] [--classes N] [--include-top false [--pooling none|avg|max]] [--weights FILE]</c>:
/// compiles a zoo model on a backend with seeded weights and BatchNorm statistics drawn away from
/// their trivial start (or the weights of <c>--weights</c>), runs a seeded batch of 2 and checks each output's shape and the parameter
/// counts against the DSL, then every layer's values against the reference backend in float64
/// (<see cref="ReferenceComparison"/>): a table of the largest absolute and relative error per
/// layer. On the TorchSharp backend the network compiled for inference
/// (<see cref="TorchSharpBackend.CompileForInference"/>) is checked beside it, against the same
/// reference run, within <see cref="InferenceTolerance"/>: a layer a BatchNorm is folded into is
/// checked at the BatchNorm's output. Without <c>--input</c> it uses the model's published input, or a smaller one where that
/// would keep the reference backend busy for more than about a minute, and says which. Exits with
/// <see cref="ExitCodes.Failure"/> when any check fails, naming the first layer out of tolerance
/// with both values.
/// </summary>
/// <param name="models">The models it can build.</param>
/// <param name="backends">The backends, by device.</param>
/// <param name="output">Where it prints.</param>
public sealed class VerifyCommand(IReadOnlyList<ZooModel> models, BackendFactory backends, CliOutput output) : ICliCommand
{
    private const int Batch = 2;

    /// <summary>The largest relative error accepted of the network compiled for inference, per layer.</summary>
    public const double InferenceTolerance = 1e-4;

    /// <summary>
    /// Multiply-accumulates of a batch that the float64 reference backend gets through in about a
    /// minute on two cores (GoogLeNet's 1.6 G per image at 224x224).
    /// </summary>
    public const long ReferenceMacBudget = 4_000_000_000;

    // Image sizes tried below a model's published one, largest first.
    private static readonly int[] ReducedSizes = [256, 224, 192, 160, 128, 112, 96, 75, 64, 48, 32];

    /// <inheritdoc />
    public Command Create()
    {
        var model = ModelOptions.Model(models);
        var input = ModelOptions.Input();
        input.Description += " Without it, verify uses the published input where the float64 reference backend gets through a batch of 2 in about a minute, and a smaller input the model allows otherwise.";
        var classes = ModelOptions.Classes();
        var includeTop = ModelOptions.IncludeTop("E.g. to check a *_notop.h5 file.");
        var pooling = ModelOptions.Pooling();
        var backend = new Option<string>("--backend")
        {
            Description = "torchsharp (libtorch) or reference (plain C# in float32), each compared with the reference backend in float64.",
            HelpName = "torchsharp|reference",
            DefaultValueFactory = _ => TorchSharpBackend.BackendName,
        };
        var device = RunOptions.Device();
        device.Description += " The reference backend always runs on the CPU.";

        var weights = ModelOptions.Weights("Load these weights into the compiled model before running it (checked first; nothing is loaded half-way).");

        var command = new Command("verify", "Compile a model on a backend (on torchsharp also compiled for inference), run a batch of 2, check its output shapes and parameter counts against the DSL and every layer's values against the reference backend in float64.")
        {
            model, backend, device, input, classes, includeTop, pooling, weights,
        };
        command.SetAction(parse =>
        {
            var zoo = parse.GetRequiredValue(model);
            bool withoutTop = parse.GetRequiredValue(includeTop) == "false";
            var (network, note) = parse.GetValue(input) is { } given
                ? (ModelOptions.Build(zoo, given, parse.GetValue(classes), !withoutTop, parse.GetChoice<Pooling>(pooling)), "as given")
                : withoutTop
                    ? (ModelOptions.Build(zoo, null, parse.GetValue(classes), !withoutTop, parse.GetChoice<Pooling>(pooling)), "the model's published input")
                    : Reduced(zoo, parse.GetValue(classes));
            return Verify(network, note, parse.GetRequiredValue(backend), parse.GetRequiredValue(device), parse.GetValue(weights));
        });
        return command;
    }

    /// <summary>
    /// The network <c>verify</c> checks when no <c>--input</c> is given: the model at its published
    /// input when a batch of 2 fits <see cref="ReferenceMacBudget"/>, otherwise at the largest
    /// smaller square size that fits (or the smallest the architecture allows), with a note saying which.
    /// </summary>
    /// <param name="model">The zoo model.</param>
    /// <param name="classes">Classes; the model's default when null.</param>
    public static (Network Network, string Note) Reduced(ZooModel model, int? classes = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var published = model.Build(classes: classes);
        if (published.Analysis.InferenceMacs * Batch <= ReferenceMacBudget)
        {
            return (published, "the model's published input");
        }

        var shape = model.DefaultInput;
        Network? smallest = null;
        foreach (int size in ReducedSizes.Where(s => s < shape.Height && s < shape.Width))
        {
            Network candidate;
            try
            {
                candidate = model.Build(Shape.Image(size, size, shape.Channels), classes);
            }
            catch (NetBuildException)
            {
                break;
            }

            smallest = candidate;
            if (candidate.Analysis.InferenceMacs * Batch <= ReferenceMacBudget)
            {
                break;
            }
        }

        return smallest is null
            ? (published, "the model's published input")
            : (smallest, $"reduced from {shape} so the float64 reference backend takes about a minute; --input sets it");
    }

    private int Verify(Network network, string inputNote, string backendName, string device, string? weights)
    {
        var backend = backends.Get(backendName, device);
        using var compiled = backend.Compile(network, seed: 0);
        if (weights is null)
        {
            compiled.SetState(ReferenceComparison.WithBatchNormStatistics(network, compiled.GetState()));
        }
        else
        {
            int tensors = WeightsArgument.Load(compiled, weights, output.Error).Loaded;
            output.Out.WriteLine($"loaded {weights}: {tensors} tensors");
        }
        // The TorchSharp backend's inference compilation, holding the same state, is checked beside it.
        using var inference = backend is TorchSharpBackend torch ? torch.CompileForInference(network, seed: 0) : null;
        inference?.SetState(compiled.GetState());
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
        if (inference is not null)
        {
            var main = network.Output;
            var fast = inference.Forward(x);
            rows.Add(new Row(
                $"output {main.Name}, compiled for inference",
                Dims(HostTensor.BatchShape(main.Shape, Batch)),
                fast.TryGetValue(main.Name, out var value) ? Dims(value.Shape) : "missing"));
            rows.Add(new Row("params held for inference", Count(network.WithoutAuxiliary().Analysis.Params.Total), Count(inference.Parameters.Sum(p => p.Elements))));
        }

        output.Out.WriteLine($"{network.Name} on {compiled.Backend} ({compiled.Device}), input {network.Input.Shape} ({inputNote}), batch {Batch}");
        var table = new Table().AddColumn("Check").AddColumn(new TableColumn("DSL").RightAligned()).AddColumn(new TableColumn(compiled.Backend).RightAligned()).AddColumn("Result");
        foreach (var row in rows)
        {
            table.AddRow(new Text(row.Check), new Text(row.Dsl), new Text(row.Backend), Verdict(row.Passes));
        }

        output.Console.Write(table);
        int failed = rows.Count(r => !r.Passes);
        if (failed > 0)
        {
            output.WriteError($"{network.Name} on {compiled.Backend}: {failed} of {rows.Count} checks differ from the DSL.");
            return ExitCodes.Failure;
        }

        var subjects = new List<(ICompiledNetwork, double)> { (compiled, ReferenceComparison.DefaultTolerance) };
        if (inference is not null)
        {
            subjects.Add((inference, InferenceTolerance));
        }

        var comparisons = ReferenceComparison.Compare(subjects, x);
        var comparison = comparisons[0];
        var fastest = comparisons.Count > 1 ? comparisons[1] : null;
        var values = new Table()
            .AddColumn("Layer").AddColumn(new TableColumn("Output").RightAligned())
            .AddColumn(new TableColumn("Max abs error").RightAligned()).AddColumn(new TableColumn("Max rel error").RightAligned());
        if (fastest is not null)
        {
            values.AddColumn(new TableColumn("For inference: max abs").RightAligned()).AddColumn(new TableColumn("max rel").RightAligned());
        }

        values.AddColumn("Result");
        for (int i = 0; i < comparison.Layers.Count; i++)
        {
            var layer = comparison.Layers[i];
            var cells = new List<IRenderable> { new Text(layer.Layer), new Text(layer.Shape), new Text(Error(layer.MaxAbsolute)), new Text(Error(layer.MaxRelative)) };
            if (fastest?.Layers[i] is { } folded)
            {
                cells.Add(new Text(folded.FoldedInto is { } into ? $"folded into {into}" : Error(folded.MaxAbsolute)));
                cells.Add(new Text(folded.FoldedInto is null ? Error(folded.MaxRelative) : "-"));
            }

            cells.Add(Verdict(layer.Passes && (fastest?.Layers[i].Passes ?? true)));
            values.AddRow(cells);
        }

        output.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"values against the reference backend in float64 (relative error: the largest difference over the layer's largest absolute value; tolerance {comparison.Tolerance:G2}{(fastest is null ? "" : $"; compiled for inference {fastest.Tolerance:G2}, a layer whose BatchNorm is folded into it checked at the BatchNorm's output")})"));
        output.Console.Write(values);
        foreach (var (checkedComparison, what) in new[] { (comparison, compiled.Backend), (fastest, $"{compiled.Backend} compiled for inference") })
        {
            if (checkedComparison?.FirstFailure is { } first)
            {
                output.WriteError(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{network.Name} on {what}: {first.Layer} {first.Shape} is out of tolerance: {compiled.Backend} gives {first.Value:G6} at element {first.Index} where the float64 reference gives {first.Expected:G6} (max abs error {Error(first.MaxAbsolute)}, max rel error {Error(first.MaxRelative)} > {checkedComparison.Tolerance:G2}); {checkedComparison.Layers.Count(l => !l.Passes)} of {checkedComparison.Layers.Count} layers fail."));
                return ExitCodes.Failure;
            }
        }

        return ExitCodes.Success;
    }

    private static Text Verdict(bool passes) => passes ? new Text("PASS", new Style(Color.Green)) : new Text("FAIL", new Style(Color.Red));

    private static string Error(double value) => value.ToString("0.0E+0", CultureInfo.InvariantCulture);
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
