using System.Text;

namespace FluentNets.Tests;

/// <summary>One command README.md shows: where, its words as bash splits them, and the output shown under it.</summary>
/// <param name="Line">The line of README.md the command starts on.</param>
/// <param name="Text">The command as written, continuation lines joined.</param>
/// <param name="Words">The words bash gives the program (quotes removed, the comment dropped).</param>
/// <param name="ShownOutput">The lines README shows as the command's output (a <c>$ </c> block); empty for a command block.</param>
public sealed record ReadmeCommand(int Line, string Text, IReadOnlyList<string> Words, IReadOnlyList<string> ShownOutput)
{
    /// <summary>The repository's README.md, found above the test's output folder.</summary>
    public static string ReadmePath
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FluentNets.sln")))
                {
                    return Path.Combine(dir.FullName, "README.md");
                }
            }

            throw new DirectoryNotFoundException("FluentNets.sln is not above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>
    /// The commands of every <c>bash</c> or <c>sh</c> block, and of every untagged block whose first
    /// line is a <c>$ </c> prompt (the lines after a prompt, up to the next, are its shown output).
    /// </summary>
    public static IReadOnlyList<ReadmeCommand> Parse(string markdown)
    {
        var commands = new List<ReadmeCommand>();
        string[] lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            string language = lines[i][3..].Trim();
            int end = Array.FindIndex(lines, i + 1, l => l.StartsWith("```", StringComparison.Ordinal));
            var body = lines[(i + 1)..end];
            if (language is "bash" or "sh")
            {
                commands.AddRange(Commands(body, i + 2));
            }
            else if (language.Length == 0 && body is [{ } first, ..] && first.StartsWith("$ ", StringComparison.Ordinal))
            {
                commands.AddRange(Prompted(body, i + 2));
            }

            i = end;
        }

        return commands;
    }

    private static IEnumerable<ReadmeCommand> Commands(string[] body, int firstLine)
    {
        for (int j = 0; j < body.Length; j++)
        {
            int line = firstLine + j;
            var text = new StringBuilder(body[j]);
            while (text.Length > 0 && text[^1] == '\\' && j + 1 < body.Length)
            {
                text.Length--;
                text.Append(body[++j].TrimStart());
            }

            var words = Split(text.ToString());
            if (words.Count > 0)
            {
                yield return new ReadmeCommand(line, text.ToString().Trim(), words, []);
            }
        }
    }

    private static IEnumerable<ReadmeCommand> Prompted(string[] body, int firstLine)
    {
        for (int j = 0; j < body.Length; j++)
        {
            if (!body[j].StartsWith("$ ", StringComparison.Ordinal))
            {
                continue;
            }

            int next = Array.FindIndex(body, j + 1, l => l.StartsWith("$ ", StringComparison.Ordinal));
            var shown = body[(j + 1)..(next < 0 ? body.Length : next)];
            yield return new ReadmeCommand(firstLine + j, body[j][2..].Trim(), Split(body[j][2..]), shown);
        }
    }

    /// <summary>
    /// Splits a line into words as bash does for what README holds: blanks separate words, single
    /// and double quotes group, a backslash escapes, and an unquoted <c>#</c> that starts a word
    /// starts a comment.
    /// </summary>
    public static IReadOnlyList<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else if (c == '\\' && quote == '"' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$')
                {
                    word.Append(line[++i]);
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else if (c == '#' && !inWord)
            {
                break;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
                inWord = true;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (quote != '\0')
        {
            throw new FormatException($"Expected a closing {quote} in a README command. Received: {line}");
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
