using System.CommandLine;
using System.Globalization;
using FluentNets.Zoo;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FluentNets.Cli.Commands;

/// <summary>
/// <c>fluentnets zoo</c>: a table of every model with its default input, classes, parameters and
/// MACs. A model that fails to build shows its error in its row; the command then exits with
/// <see cref="ExitCodes.Failure"/>.
/// </summary>
/// <param name="models">The models to list.</param>
/// <param name="output">Where it prints.</param>
public sealed class ZooCommand(IReadOnlyList<ZooModel> models, CliOutput output) : ICliCommand
{
    /// <inheritdoc />
    public Command Create()
    {
        var command = new Command("zoo", "List the models with their default input, classes, parameters and MACs.");
        command.SetAction(_ => List());
        return command;
    }

    private int List()
    {
        var table = new Table()
            .AddColumn("Model")
            .AddColumn("Input")
            .AddColumn(new TableColumn("Classes").RightAligned())
            .AddColumn(new TableColumn("Params").RightAligned())
            .AddColumn(new TableColumn("Non-trainable").RightAligned())
            .AddColumn(new TableColumn("MACs").RightAligned());
        var broken = new List<string>();
        foreach (var model in models)
        {
            table.AddRow(Row(model, broken));
        }

        output.Console.Write(table);
        if (broken.Count == 0)
        {
            return ExitCodes.Success;
        }

        output.WriteError($"{broken.Count} of {models.Count} models could not be built: {string.Join(", ", broken)}.");
        return ExitCodes.Failure;
    }

    private static IRenderable[] Row(ZooModel model, List<string> broken)
    {
        IRenderable[] known = [new Text(model.Name), new Text(model.DefaultInput.ToString()), new Text(Count(model.DefaultClasses))];
        try
        {
            var analysis = model.Build().Analysis;
            return [.. known, new Text(Count(analysis.Params.Total)), new Text(Count(analysis.Params.NonTrainable)), new Text(Count(analysis.Macs))];
        }
        catch (Exception e)
        {
            broken.Add(model.Name);
            string message = e is NetBuildException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            return [.. known, new Text(message, new Style(Color.Red)), Text.Empty, Text.Empty];
        }
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
