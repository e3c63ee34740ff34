using Spectre.Console;

namespace FluentNets.Cli;

/// <summary>
/// Where commands write: raw text (summaries, JSON) to <see cref="Out"/>, Spectre renderables to
/// <see cref="Console"/> (which writes to the same writer), and one-line errors to <see cref="Error"/>.
/// </summary>
public sealed class CliOutput
{
    private const int RedirectedWidth = 200;

    /// <summary>Creates the output over two writers; colours only when <paramref name="out"/> is a terminal.</summary>
    /// <param name="out">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <exception cref="ArgumentNullException">A writer is null.</exception>
    public CliOutput(TextWriter @out, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(@out);
        ArgumentNullException.ThrowIfNull(error);
        Out = @out;
        Error = error;
        var output = new AnsiConsoleOutput(@out);
        IsTerminal = output.IsTerminal;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = output,
            Ansi = IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            // Live displays (train's progress bars) need an interactive console; a pipe or file gets plain lines instead.
            Interactive = IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!IsTerminal)
        {
            // Spectre assumes 80 columns when redirected; a file or pipe has no width, so don't wrap the numbers.
            Console.Profile.Width = RedirectedWidth;
        }
    }

    /// <summary>Standard output, for text printed as it is.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>Whether <see cref="Out"/> is the process's console attached to a terminal, not a file, a pipe or a test's writer.</summary>
    public bool IsTerminal { get; }

    /// <summary>A Spectre console writing to <see cref="Out"/>, for tables.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Writes <c>fluentnets: message</c> to standard error as one line.</summary>
    /// <param name="message">
    /// The message; line breaks in it become spaces, and other control characters (a file's bytes quoted in it:
    /// NUL, BEL, ESC, U+0085) are written as <c>\xNN</c> or <c>\uNNNN</c>, so no file can ring, recolour or
    /// break the terminal's line.
    /// </param>
    public void WriteError(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string oneLine = string.Join(' ', message.Split(['\r', '\n', '\t', '\u0085', '\u2028', '\u2029'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Error.WriteLine($"fluentnets: {Printable(oneLine)}");
    }

    /// <summary><paramref name="text"/> with every control character written as an escape.</summary>
    internal static string Printable(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            builder.Append(char.IsControl(c) ? (c <= 0xFF ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}") : c.ToString());
        }

        return builder.ToString();
    }
}
