using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FluentNets.Examples.Tests;

/// <summary>
/// The example notebooks run headless by dotnet-repl (the version .config/dotnet-tools.json pins),
/// once for a test class, with the FluentNets packages from a folder of packed packages and
/// everything else from the machine's NuGet packages folder: no package source on the network is
/// configured. FLUENTNETS_NOTEBOOK_FEED names the folder (.ci/run's packages step packs it);
/// without it, or without the tool, the tests skip and say why.
/// </summary>
public sealed partial class NotebookRun : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("fluentnets-notebooks-");
    private readonly Dictionary<string, Lazy<Notebook>> runs;

    public NotebookRun()
    {
        runs = new[] { "QuickStart", "TransferLearning" }.ToDictionary(n => n, n => new Lazy<Notebook>(() => Run(n)));
        WhyNot = Check();
    }

    /// <summary>Why the notebooks cannot run here, or null.</summary>
    public string? WhyNot { get; }

    /// <summary>The repository's root, where FluentNets.sln is.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The outputs of <c>examples/Notebooks/{name}.ipynb</c>, run on first use.</summary>
    public Notebook this[string name] => runs[name].Value;

    public void Dispose() => temp.Delete(recursive: true);

    private static string Feed => Environment.GetEnvironmentVariable("FLUENTNETS_NOTEBOOK_FEED") ?? "";

    private static string MachinePackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    // The tool as `dotnet tool restore` leaves it in the packages folder, run with `dotnet` directly:
    // `dotnet tool run` would look for it in the private packages folder the notebooks restore into.
    private static string Tool
    {
        get
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, ".config", "dotnet-tools.json")));
            string version = manifest.RootElement.GetProperty("tools").GetProperty("dotnet-repl").GetProperty("version").GetString()!;
            string tools = Path.Combine(MachinePackages, "dotnet-repl", version, "tools");
            return (Directory.Exists(tools) ? Directory.EnumerateFiles(tools, "dotnet-repl.dll", SearchOption.AllDirectories).FirstOrDefault() : null)
                ?? Path.Combine(tools, "dotnet-repl.dll");
        }
    }

    private static string? Check()
    {
        if (Feed.Length == 0)
        {
            return "FLUENTNETS_NOTEBOOK_FEED is not set: the notebooks need the FluentNets packages packed into a folder (.ci/run's packages step does it: "
                + "dotnet pack FluentNets.sln -c Release -o FEED, then FLUENTNETS_NOTEBOOK_FEED=FEED).";
        }

        if (!File.Exists(Path.Combine(Feed, "FluentNets.Interactive.0.1.0.nupkg")))
        {
            return $"FLUENTNETS_NOTEBOOK_FEED={Feed} holds no FluentNets.Interactive.0.1.0.nupkg.";
        }

        return File.Exists(Tool) ? null : $"dotnet-repl is not installed ({Tool} is missing): run `dotnet tool restore` in the repository.";
    }

    private Notebook Run(string name)
    {
        // A user-level NuGet.Config in a home of its own: the packed folder is the only source, the
        // machine's packages folder a fallback read in place, and the packages folder private, so that
        // these builds of 0.1.0 never reach the machine's cache.
        var home = Directory.CreateDirectory(Path.Combine(temp.FullName, name, "home"));
        var config = Directory.CreateDirectory(Path.Combine(home.FullName, ".nuget", "NuGet"));
        File.WriteAllText(Path.Combine(config.FullName, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="fluentnets" value="{Feed}" /></packageSources>
              <fallbackPackageFolders><clear /><add key="machine" value="{MachinePackages}" /></fallbackPackageFolders>
            </configuration>
            """);
        string output = Path.Combine(temp.FullName, name, $"{name}.ipynb");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Tool, "--run", Path.Combine(Root, "examples", "Notebooks", $"{name}.ipynb"), "--exit-after-run", "--output-path", output },
            WorkingDirectory = Path.Combine(temp.FullName, name),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["HOME"] = home.FullName;
        start.Environment["NUGET_PACKAGES"] = Path.Combine(temp.FullName, name, "packages");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name}.ipynb did not finish in 8 minutes.");
        }

        string log = Ansi().Replace(stdout.Result + stderr.Result, "");
        return File.Exists(output)
            ? new Notebook(name, process.ExitCode, log, JsonDocument.Parse(File.ReadAllText(output)))
            : throw new InvalidOperationException($"{name}.ipynb wrote no output (exit code {process.ExitCode}): {log}");
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "FluentNets.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no FluentNets.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Ansi();
}
