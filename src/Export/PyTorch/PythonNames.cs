using System.Text;
using FluentNets.Graph;

namespace FluentNets.Export.PyTorch;

/// <summary>
/// The Python attribute of each layer: the DSL's name with <c>/</c> (a block's scope) written
/// <c>__</c>, every other character outside <c>[A-Za-z0-9_]</c> written <c>_</c>, an <c>_</c> put
/// before a leading digit and after a Python keyword. So <c>inception_3a/5x5_reduce</c> is
/// <c>inception_3a__5x5_reduce</c>, and its weight <c>inception_3a__5x5_reduce.weight</c>.
/// </summary>
public static class PythonNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
        "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
        "return", "try", "while", "with", "yield", "self", "x", "logits",
    };

    /// <summary>The attribute name of a layer named <paramref name="layerName"/>.</summary>
    public static string Attribute(string layerName)
    {
        ArgumentException.ThrowIfNullOrEmpty(layerName);
        var text = new StringBuilder(layerName.Length + 2);
        foreach (char c in layerName)
        {
            text.Append(c switch
            {
                '/' => "__",
                _ when char.IsAsciiLetterOrDigit(c) || c == '_' => c.ToString(),
                _ => "_",
            });
        }

        string name = text.ToString();
        if (char.IsAsciiDigit(name[0]))
        {
            name = "_" + name;
        }

        return Keywords.Contains(name) ? name + "_" : name;
    }

    /// <summary>The attribute of every node, checked to be distinct.</summary>
    /// <exception cref="ExportException">Two layers' names map to one attribute.</exception>
    public static IReadOnlyDictionary<Node, string> Of(IEnumerable<Node> nodes)
    {
        var result = new Dictionary<Node, string>();
        var taken = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            string attribute = Attribute(node.Name);
            if (taken.TryGetValue(attribute, out var other))
            {
                throw new ExportException(
                    $"{node.Name} ({node.Layer.KerasType}): its Python attribute '{attribute}' is also that of layer '{other.Name}'; rename one of them.");
            }

            taken[attribute] = node;
            result[node] = attribute;
        }

        return result;
    }

    /// <summary>A Python class name from a network's name: <c>resnet50</c> is <c>Resnet50</c>, <c>tv-resnet18</c> is <c>TvResnet18</c>.</summary>
    public static string Class(string networkName)
    {
        var parts = networkName.Split(c => !char.IsAsciiLetterOrDigit(c));
        string name = string.Concat(parts.Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        return name.Length == 0 || char.IsAsciiDigit(name[0]) ? "Net" + name : name;
    }

    private static string[] Split(this string text, Func<char, bool> separator)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        foreach (char c in text)
        {
            if (separator(c))
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        parts.Add(current.ToString());
        return parts.ToArray();
    }
}
