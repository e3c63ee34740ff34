using System.CommandLine;
using System.Globalization;
using FluentNets.Zoo;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FluentNets.Cli.Commands;

/// <summary>
/// <c>fluentnets zoo [--family NAME]</c>: a table of every model with its default input, classes, parameters
/// and MACs, grouped by family (a row naming the family, then its models in the zoo's order), or of one
/// family's models. A model that fails to build shows its error in its row; the command then exits with
/// <see cref="ExitCodes.Failure"/>.
/// </summary>
/// <param name="models">The models to list.</param>
/// <param name="output">Where it prints.</param>
public sealed class ZooCommand(IReadOnlyList<ZooModel> models, CliOutput output) : ICliCommand
{
    /// <inheritdoc />
    public Command Create()
    {
        string[] families = models.Select(m => m.Family).Distinct(StringComparer.Ordinal).ToArray();
        var family = new Option<string?>("--family")
        {
            Description = $"List one family, case and punctuation ignored (convnext, wide-resnet): {string.Join(", ", families)}.",
            HelpName = "NAME",
        }.Accepts($"a family of the zoo: {string.Join(", ", families)}", name => name is null || families.Any(f => SameFamily(f, name)));
        family.CompletionSources.Add(families);

        var command = new Command("zoo", "List the models by family with their default input, classes, parameters and MACs.") { family };
        command.SetAction(parse => List(parse.GetValue(family)));
        return command;
    }

    /// <summary>Whether <paramref name="name"/> names <paramref name="family"/> once case, spaces and punctuation are ignored.</summary>
    /// <param name="family">A family as the zoo spells it, e.g. <c>Wide ResNet</c>.</param>
    /// <param name="name">What the user typed, e.g. <c>wide-resnet</c>.</param>
    public static bool SameFamily(string family, string name)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(name);
        static string Key(string s) => new(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return Key(family) == Key(name);
    }

    private int List(string? family)
    {
        var listed = models.Where(m => family is null || SameFamily(m.Family, family)).ToList();
        var table = new Table()
            .AddColumn("Model")
            .AddColumn("Input")
            .AddColumn(new TableColumn("Classes").RightAligned())
            .AddColumn(new TableColumn("Params").RightAligned())
            .AddColumn(new TableColumn("Non-trainable").RightAligned())
            .AddColumn(new TableColumn("MACs").RightAligned());
        var broken = new List<string>();
        foreach (var group in listed.GroupBy(m => m.Family, StringComparer.Ordinal))
        {
            table.AddRow(new Markup($"[bold]{Markup.Escape(group.Key)}[/]"));
            foreach (var model in group)
            {
                table.AddRow(Row(model, broken));
            }
        }

        output.Console.Write(table);
        if (broken.Count == 0)
        {
            return ExitCodes.Success;
        }

        output.WriteError($"{broken.Count} of {listed.Count} models could not be built: {string.Join(", ", broken)}.");
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
