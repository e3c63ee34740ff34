using System.CommandLine;
using FluentNets.Export.Plot;
using FluentNets.Zoo;

namespace FluentNets.Cli.Commands;

/// <summary>
/// <c>fluentnets plot &lt;model&gt; --format svg|mermaid|dot [--depth 0|1] [-o FILE] [--input HxWxC]
/// [--classes N]</c>: draws the model's graph, one box per layer (or per block at depth 1) with its
/// name, type and output shape; to standard output without <c>-o</c>.
/// </summary>
/// <param name="models">The models it can build.</param>
/// <param name="output">Where it prints.</param>
public sealed class PlotCommand(IReadOnlyList<ZooModel> models, CliOutput output) : ICliCommand
{
    /// <inheritdoc />
    public Command Create()
    {
        var model = ModelOptions.Model(models);
        var input = ModelOptions.Input();
        var classes = ModelOptions.Classes();
        var format = new Option<string>("--format")
        {
            Description = "svg (an image, no graphviz needed), mermaid (for Markdown) or dot (for graphviz).",
            DefaultValueFactory = _ => "svg",
        }.OneOf("svg", "mermaid", "dot");
        var depth = new Option<int>("--depth")
        {
            Description = "0 draws every layer; 1 draws each top-level block as one box.",
            DefaultValueFactory = _ => 0,
        }.OneOf("0", "1");
        var path = new Option<string?>("--output", "-o")
        {
            Description = "The file to write. Default: standard output.",
            HelpName = "FILE",
        };

        var command = new Command("plot", "Draw a model's graph as SVG, Mermaid or DOT.")
        {
            model, format, depth, path, input, classes,
        };
        command.SetAction(parse =>
        {
            var network = parse.GetRequiredValue(model).Build(parse.GetValue(input), parse.GetValue(classes));
            var kind = parse.GetChoice<PlotFormat>(format);
            string text = network.Plot(kind, parse.GetValue(depth));
            string? file = parse.GetValue(path);
            if (file is null)
            {
                output.Out.Write(text);
                return ExitCodes.Success;
            }

            Write(file, text);
            output.Out.WriteLine($"wrote {file}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Write(string file, string text)
    {
        if (Directory.Exists(file))
        {
            throw new CliException($"-o {file}: is a directory.");
        }

        string partial = file + ".partial";
        try
        {
            File.WriteAllText(partial, text);
            File.Move(partial, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"-o {file}: {e.Message}", ExitCodes.Usage, e);
        }
    }
}
