using System.CommandLine;
using FluentNets.Graph;
using FluentNets.Weights;
using FluentNets.Zoo;

namespace FluentNets.Cli.Commands;

/// <summary>
/// <c>fluentnets summary &lt;model&gt; [--input HxWxC] [--classes N] [--include-top false [--pooling none|avg|max]] [--format table|json|markdown] [--depth 0|1] [--weights FILE]</c>:
/// builds a zoo model and prints its summary; with <c>--weights</c>, first checks that the file's
/// weights fit the model, every parameter by name and shape, without a backend.
/// </summary>
/// <param name="models">The models it can build.</param>
/// <param name="output">Where it prints.</param>
public sealed class SummaryCommand(IReadOnlyList<ZooModel> models, CliOutput output) : ICliCommand
{
    /// <inheritdoc />
    public Command Create()
    {
        var model = ModelOptions.Model(models);
        var input = ModelOptions.Input();
        var classes = ModelOptions.Classes();
        var includeTop = ModelOptions.IncludeTop("E.g. to see the features a new head goes on.");
        var pooling = ModelOptions.Pooling();
        var format = new Option<string>("--format")
        {
            Description = "table (the Keras text), json or markdown.",
            DefaultValueFactory = _ => "table",
        }.OneOf("table", "json", "markdown");
        var depth = new Option<int>("--depth")
        {
            Description = "0 lists every layer; 1 folds each top-level block into one row.",
            DefaultValueFactory = _ => 0,
        }.OneOf("0", "1");

        var weights = ModelOptions.Weights("Check that this file's weights fit the model before printing its summary.");

        var command = new Command("summary", "Print a model's layers, output shapes, parameters and MACs.")
        {
            model, input, classes, includeTop, pooling, format, depth, weights,
        };
        command.SetAction(parse =>
        {
            var network = ModelOptions.Build(parse.GetRequiredValue(model), parse.GetValue(input), parse.GetValue(classes), parse.GetRequiredValue(includeTop) == "true", parse.GetChoice<Pooling>(pooling));
            var summaryFormat = parse.GetChoice<SummaryFormat>(format);
            var (tensors, nonFinite) = parse.GetValue(weights) is { } path ? WeightsArgument.Check(network, path) : (0, null);
            Print(network, summaryFormat, parse.GetValue(depth));
            if (tensors > 0 && summaryFormat != SummaryFormat.Json)
            {
                output.Out.WriteLine(nonFinite is null
                    ? $"Weights: {parse.GetValue(weights)} fits ({tensors} tensors)."
                    : $"Weights: {parse.GetValue(weights)} fits ({tensors} tensors), but holds {nonFinite}; predict and evaluate refuse it without {WeightFiles.AllowNonFiniteOption}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // Raw writer, not Spectre: the Keras table's "[(None, 28, 28, 1)]" would read as markup.
    private void Print(Network network, SummaryFormat format, int depth)
    {
        string text = format switch
        {
            SummaryFormat.Json => network.Analysis.ToJson(),
            SummaryFormat.Markdown => network.Analysis.ToMarkdown(depth),
            _ => network.Summary(depth),
        };
        output.Out.Write(text);
        if (!text.EndsWith('\n'))
        {
            output.Out.WriteLine();
        }
    }
}
