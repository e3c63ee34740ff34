using FluentNets.Cli;
using FluentNets.Zoo;
using Microsoft.Extensions.DependencyInjection;

namespace FluentNets.Tests.Cli;

/// <summary>One in-process run of <c>fluentnets</c>: its exit code and what it wrote.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>The lines written to standard output.</summary>
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The lines written to standard error.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Runs the command line with the real model zoo.</summary>
    public static CliRun Of(params string[] args) => Configured(null, args);

    /// <summary>Runs the command line with <paramref name="models"/> in place of the model zoo.</summary>
    public static CliRun With(IReadOnlyList<ZooModel>? models, params string[] args) =>
        Configured(models is null ? null : services => services.AddSingleton(models), args);

    /// <summary>Runs the command line with services changed by <paramref name="configure"/>, e.g. a fake backend.</summary>
    public static CliRun Configured(Action<IServiceCollection>? configure, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        int code = Program.Run(args, stdout, stderr, configure);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
