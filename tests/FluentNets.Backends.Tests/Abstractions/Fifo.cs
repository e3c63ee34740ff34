using System.Diagnostics;

namespace FluentNets.Backends.Tests.Abstractions;

/// <summary>Named pipes for tests, made with mkfifo(1): opening one for reading waits for a writer.</summary>
internal static class Fifo
{
    /// <summary>Makes a named pipe at <paramref name="path"/>; false where mkfifo is missing (Windows).</summary>
    public static bool TryMake(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
            mkfifo.WaitForExit();
            return mkfifo.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
