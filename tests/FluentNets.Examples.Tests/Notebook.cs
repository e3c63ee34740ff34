using System.Text.Json;

namespace FluentNets.Examples.Tests;

/// <summary>A notebook as dotnet-repl wrote it back: each code cell's source and outputs.</summary>
/// <param name="Name">The notebook's name.</param>
/// <param name="ExitCode">dotnet-repl's exit code.</param>
/// <param name="Log">What dotnet-repl printed.</param>
/// <param name="Document">The .ipynb it wrote.</param>
public sealed record Notebook(string Name, int ExitCode, string Log, JsonDocument Document)
{
    /// <summary>The code cells, in order: source, HTML outputs and error outputs.</summary>
    public IReadOnlyList<(string Source, IReadOnlyList<string> Html, IReadOnlyList<string> Errors)> Cells =>
        Document.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c =>
            {
                var outputs = c.GetProperty("outputs").EnumerateArray().ToArray();
                var html = outputs
                    .Where(o => o.TryGetProperty("data", out var d) && d.TryGetProperty("text/html", out _))
                    .Select(o => Text(o.GetProperty("data").GetProperty("text/html")))
                    .ToArray();
                var errors = outputs
                    .Where(o => o.GetProperty("output_type").GetString() == "error" || (o.TryGetProperty("name", out var n) && n.GetString() == "stderr"))
                    .Select(o => o.TryGetProperty("evalue", out var e) ? e.GetString()! : Text(o.GetProperty("text")))
                    .ToArray();
                return (Text(c.GetProperty("source")), (IReadOnlyList<string>)html, (IReadOnlyList<string>)errors);
            })
            .ToArray();

    /// <summary>
    /// The HTML of the cell whose source is <paramref name="code"/>, or else the one cell that contains it: its
    /// last output, which an update in place leaves showing.
    /// </summary>
    public string LastHtmlOf(string code)
    {
        var cells = Cells;
        var exact = cells.Where(c => c.Source.Trim() == code).ToArray();
        return (exact.Length == 1 ? exact[0] : cells.Single(c => c.Source.Contains(code, StringComparison.Ordinal))).Html[^1];
    }

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? string.Concat(value.EnumerateArray().Select(v => v.GetString())) : value.GetString() ?? "";
}
