namespace FluentNets.Cli;

/// <summary>The exit codes of <c>fluentnets</c>.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>Something unexpected failed: a bug, or an environment problem.</summary>
    public const int Failure = 1;

    /// <summary>The request can't be met as given: a bad option, an unknown model, a network that can't be built.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl-C (SIGINT), as shells report a process that SIGINT ended: 128 + 2.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM, as shells report a process that SIGTERM ended: 128 + 15.</summary>
    public const int Terminated = 143;
}
