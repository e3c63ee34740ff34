using System.CommandLine;

namespace FluentNets.Cli;

/// <summary>
/// One <c>fluentnets</c> subcommand. Register an implementation with
/// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;ICliCommand, MyCommand&gt;())</c>;
/// <see cref="Program.Run"/> adds every registered command to the root command.
/// </summary>
public interface ICliCommand
{
    /// <summary>Creates the command with its arguments, options and action; the action returns an <see cref="ExitCodes"/> value.</summary>
    Command Create();
}
