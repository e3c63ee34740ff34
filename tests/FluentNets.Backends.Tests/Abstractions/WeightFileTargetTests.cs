using FluentNets.Weights;

namespace FluentNets.Backends.Tests.Abstractions;

public sealed class WeightFileTargetTests : IDisposable
{
    private static readonly Dictionary<string, HostTensor> Tensors = new() { ["w"] = new([2], [1, 2]) };

    private readonly string directory = Directory.CreateTempSubdirectory("fluentnets-target-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void ANamedPipeIsRefusedAndStaysAPipe()
    {
        string path = Path.Combine(directory, "pipe");
        Assert.SkipUnless(Fifo.TryMake(path), "mkfifo is not available");

        var e = Assert.Throws<IOException>(() => WeightFile.Save(path, Tensors));

        Assert.Equal($"{path} is a named pipe (FIFO), not a regular file; nothing was written.", e.Message);
        Assert.Equal("a named pipe (FIFO)", Data.FileKind.Of(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(directory));
    }

    [Fact]
    public void ACharacterDeviceIsRefusedBeforeAnythingIsCreatedBesideIt()
    {
        // /dev/null is a character device on every Unix; the refusal comes before any file is created in /dev.
        Assert.SkipWhen(OperatingSystem.IsWindows(), "no /dev/null");

        var e = Assert.Throws<IOException>(() => WeightFileTarget.Open("/dev/null"));

        Assert.Equal("/dev/null is a character device, not a regular file; nothing was written.", e.Message);
        Assert.False(File.Exists("/dev/null.partial"));
    }

    [Fact]
    public void ASecondClaimOnTheSameFileIsRefusedWhileTheFirstHoldsIt()
    {
        string path = Path.Combine(directory, "w.safetensors");
        using (var first = WeightFileTarget.Open(path))
        {
            var e = Assert.Throws<IOException>(() => WeightFileTarget.Open(path));

            Assert.Equal($"another process is saving to {path} (it holds the lock on {path}.partial).", e.Message);
            first.Write(Tensors);
        }

        Assert.Equal([1f, 2f], WeightFile.Load(path)["w"].Data);
        using var second = WeightFileTarget.Open(path);
    }

    [Fact]
    public void AClaimDroppedWithoutWritingLeavesTheOldFileAndNoPartialOne()
    {
        string path = Path.Combine(directory, "w.safetensors");
        File.WriteAllText(path, "old weights");

        using (WeightFileTarget.Open(path))
        {
            Assert.True(File.Exists(path + ".partial"));
        }

        Assert.Equal("old weights", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(directory));
    }

    [Fact]
    public void APartialFileNoOneHoldsIsTakenOverSayingSoAndGoneWhenTheClaimEnds()
    {
        // What a run killed with SIGKILL leaves: its partial file, with its lock gone with the process.
        string path = Path.Combine(directory, "w.safetensors");
        File.WriteAllText(path, "old weights");
        File.WriteAllText(path + ".partial", "half a file");

        using (var target = WeightFileTarget.Open(path))
        {
            Assert.True(target.ReclaimedStalePartial);
            Assert.Equal(0, new FileInfo(target.PartialPath).Length);
        }

        Assert.Equal("old weights", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(directory));
        using var fresh = WeightFileTarget.Open(path);
        Assert.False(fresh.ReclaimedStalePartial);
    }

    [Fact]
    public void AFailedWriteRemovesThePartialFile()
    {
        string path = Path.Combine(directory, "w.safetensors");
        File.WriteAllText(path, "old weights");
        using var target = WeightFileTarget.Open(path);

        Assert.Throws<ArgumentException>(() => target.Write(new Dictionary<string, HostTensor> { [""] = new([1], [1]) }));

        Assert.Equal("old weights", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(directory));
    }

    [Fact]
    public void MoreBytesThanTheDiskHasFreeAreRefusedBeforeTheWork()
    {
        string path = Path.Combine(directory, "w.safetensors");
        using var target = WeightFileTarget.Open(path);
        long free = new DriveInfo(directory).AvailableFreeSpace;

        target.EnsureRoomFor(1000);
        var e = Assert.Throws<IOException>(() => target.EnsureRoomFor(free + (1L << 40)));

        Assert.StartsWith(FormattableString.Invariant($"the weights need {free + (1L << 40):N0} bytes and {directory} has "), e.Message, StringComparison.Ordinal);
        Assert.EndsWith(" bytes free; nothing was written.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFolderIsNamed()
    {
        string missing = Path.Combine(directory, "missing");

        var e = Assert.Throws<IOException>(() => WeightFileTarget.Open(Path.Combine(missing, "w.safetensors")));

        Assert.Equal($"the directory {missing} does not exist.", e.Message);
    }
}
