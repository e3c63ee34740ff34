using System.Runtime.InteropServices;

namespace FluentNets.Data;

/// <summary>
/// What a path names, found without opening it: opening a named pipe for reading waits for a
/// writer, and a device such as <c>/dev/zero</c> never ends, so the readers and writers of FluentNets
/// look before they open and refuse anything that is not a regular file.
/// </summary>
public static class FileKind
{
    /// <summary>The words for a regular file, as <see cref="Of"/> returns them.</summary>
    public const string Regular = "a regular file";

    // The file-type bits of the mode, as .NET's own native layer (System.Native) reports them on every Unix.
    private const int TypeMask = 0xF000;

    /// <summary>
    /// <see cref="Regular"/>, <c>"a directory"</c>, <c>"a named pipe (FIFO)"</c>, <c>"a character device"</c>,
    /// <c>"a block device"</c>, <c>"a socket"</c>, or null when nothing is there. Symbolic links are followed.
    /// </summary>
    /// <param name="path">The path to look at.</param>
    public static string? Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return ByAttributes(path);
        }

        var status = new NativeStatus();
        try
        {
            if (Stat(path, ref status) != 0)
            {
                return null;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A runtime without System.Native (an unusual host): tell files from folders only.
            return ByAttributes(path);
        }

        return (status.Mode & TypeMask) switch
        {
            0x8000 => Regular,
            0x4000 => "a directory",
            0x1000 => "a named pipe (FIFO)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "a special file",
        };
    }

    private static string? ByAttributes(string path) =>
        Directory.Exists(path) ? "a directory" : File.Exists(path) ? Regular : null;

    /// <summary>Whether <paramref name="path"/> names a regular file (or a link to one).</summary>
    /// <param name="path">The path to look at.</param>
    public static bool IsRegular(string path) => Of(path) == Regular;

    // SystemNative_Stat is the stat(2) wrapper the runtime's own File APIs call; it fills a struct
    // whose first fields are Flags and Mode with the file-type bits normalised across Unix systems
    // (dotnet/runtime src/native/libs/System.Native/pal_io.h). The buffer is larger than the struct.
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, ref NativeStatus status);

    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct NativeStatus
    {
        public int Flags;
        public int Mode;
    }
}
