using System.CommandLine;
using System.CommandLine.Invocation;
using FluentNets.Backends;
using FluentNets.Cli.Runtime;
using FluentNets.Data;
using FluentNets.Weights;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FluentNets.Cli;

/// <summary>
/// The <c>fluentnets</c> entry point: builds the services, adds every registered
/// <see cref="ICliCommand"/> to the root command, and turns every failure into one line on
/// standard error and an <see cref="ExitCodes"/> value, never a stack trace.
/// </summary>
public static class Program
{
    /// <summary>Runs the command line against the process's console.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>An <see cref="ExitCodes"/> value.</returns>
    public static int Main(string[] args) =>
        OneDnnGuard.IsProbe(args) ? OneDnnGuard.RunProbe(args) : Run(args, Console.Out, Console.Error);

    /// <summary>Runs the command line in-process, writing to the given writers.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="configure">Changes the services after the built-in ones are registered: adds commands, replaces the models.</param>
    /// <returns>
    /// <see cref="ExitCodes.Success"/>; <see cref="ExitCodes.Usage"/> for a bad argument, an unknown
    /// model, a <see cref="NetBuildException"/>, a <see cref="DataFormatException"/> (a corrupt data file)
    /// a <see cref="WeightsException"/> (a weights file that can't be read or doesn't fit) or an
    /// <see cref="OptionsValidationException"/> (options refused at start); a
    /// <see cref="CliException"/>'s own code; <see cref="ExitCodes.Failure"/> for anything else.
    /// </returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="configure"/> is null.</exception>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var output = new CliOutput(stdout, stderr);
        try
        {
            var services = new ServiceCollection().AddFluentNetsCli(output);
            configure?.Invoke(services);
            using var provider = services.BuildServiceProvider();
            // What a host does when it starts: options registered with ValidateOnStart fail here, in one line.
            provider.GetService<IAsyncStartupValidator>()?.ValidateAsync(CancellationToken.None).GetAwaiter().GetResult();
            var root = new RootCommand("FluentNets: typed convolutional networks with Keras-exact shapes and parameter counts.");
            foreach (var command in provider.GetServices<ICliCommand>())
            {
                root.Subcommands.Add(command.Create());
            }

            var parse = root.Parse(args);
            if (parse.Action is ParseErrorAction)
            {
                output.WriteError(string.Join(' ', parse.Errors.Select(OptionRules.Describe).Distinct()));
                return ExitCodes.Usage;
            }

            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            output.WriteError(e.Message);
            return e.ExitCode;
        }
        catch (OptionsValidationException e)
        {
            output.WriteError(e.Message);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is NetBuildException or DataFormatException or WeightsException)
        {
            output.WriteError(e.Message);
            return ExitCodes.Usage;
        }
        catch (Exception e)
        {
            output.WriteError($"unexpected {e.GetType().Name}: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
