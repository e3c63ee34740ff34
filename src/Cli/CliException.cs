namespace FluentNets.Cli;

/// <summary>
/// A failure a command foresaw, with the exit code it means: <see cref="Program.Run"/> prints its
/// message as one line on standard error and returns <see cref="ExitCode"/>, with no type name.
/// </summary>
/// <param name="message">One line saying what is wrong and, where there is one, the fix.</param>
/// <param name="exitCode"><see cref="ExitCodes.Usage"/> for a request that can't be met as given, <see cref="ExitCodes.Failure"/> for a broken environment.</param>
/// <param name="innerException">The error it explains, if any.</param>
public sealed class CliException(string message, int exitCode = ExitCodes.Usage, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The exit code <see cref="Program.Run"/> returns.</summary>
    public int ExitCode { get; } = exitCode;
}
