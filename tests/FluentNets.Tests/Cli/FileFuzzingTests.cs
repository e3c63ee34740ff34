using System.Buffers.Binary;
using FluentNets.Cli;
using FluentNets.Tests.Data;

namespace FluentNets.Tests.Cli;

/// <summary>
/// Seeded fuzzing of every kind of file the CLI reads: MNIST IDX files plain and gzipped, CIFAR-10
/// batches and safetensors weights, each damaged at random (bytes flipped, cut, extended, header
/// fields set to extremes) and given to <c>evaluate</c>, which reads the data, builds the model and
/// loads the weights. Each run either succeeds with nothing on standard error (the damage left a
/// valid file) or exits 2 with one line; never exit 1 (an unexpected exception) and never a hang.
/// The seed is fixed, so a failure names a case that fails again.
/// </summary>
public class FileFuzzingTests(TrainedLeNet lenet) : IClassFixture<TrainedLeNet>
{
    private const int Seed = 15;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static TheoryData<string, int> Kinds => new()
    {
        { "mnist images", 70 },
        { "mnist labels", 30 },
        { "mnist images gz", 70 },
        { "cifar10 batch", 40 },
        { "safetensors", 90 },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EveryDamagedFileExitsTwoWithOneLineOrIsReadAsValid(string kind, int cases)
    {
        Assert.Equal(ExitCodes.Success, lenet.Train.ExitCode);
        var random = new Random(HashCode.Combine(Seed, kind.Length, cases));
        using var temp = new TempDirectory();
        byte[] original = Original(kind);
        var failures = new List<string>();
        for (int i = 0; i < cases; i++)
        {
            byte[] damaged = Damage(original, random, kind.StartsWith("mnist", StringComparison.Ordinal) || kind == "safetensors");
            string[] args = Arrange(kind, temp, damaged);
            CliRun result;
            try
            {
                result = await Task.Run(() => CliRun.Of(args), TestContext.Current.CancellationToken).WaitAsync(Limit, TestContext.Current.CancellationToken);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"{kind} case {i}: no answer within {Limit.TotalSeconds} s");
                throw;
            }

            bool good = result.ExitCode == ExitCodes.Success
                ? result.Error.Length == 0
                : result.ExitCode == ExitCodes.Usage && result.ErrorLines.Length == 1 && result.Error.StartsWith("fluentnets: ", StringComparison.Ordinal);
            if (!good)
            {
                failures.Add($"{kind} case {i}: exit {result.ExitCode}, {result.Error.Trim()}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private string[] Arrange(string kind, TempDirectory temp, byte[] damaged)
    {
        foreach (string file in Directory.EnumerateFiles(temp.Path))
        {
            File.Delete(file);
        }

        string weights = lenet.Weights;
        string data = "synthetic";
        switch (kind)
        {
            case "mnist images" or "mnist labels" or "mnist images gz":
                temp.Write("train-images-idx3-ubyte", kind == "mnist images" ? damaged : Images(20));
                temp.Write("train-labels-idx1-ubyte", kind == "mnist labels" ? damaged : Labels(20));
                temp.Write(kind == "mnist images gz" ? "t10k-images-idx3-ubyte.gz" : "t10k-images-idx3-ubyte", kind == "mnist images gz" ? damaged : Images(10));
                temp.Write("t10k-labels-idx1-ubyte", Labels(10));
                data = "mnist:" + temp.Path;
                break;
            case "cifar10 batch":
                temp.Write("test_batch.bin", damaged);
                for (int b = 1; b <= 5; b++)
                {
                    temp.Write($"data_batch_{b}.bin", DataFiles.CifarRecords([(byte)b, 3], (r, p) => (byte)(r + p)));
                }

                data = "cifar10:" + temp.Path;
                break;
            default:
                weights = temp.Write("w.safetensors", damaged);
                break;
        }

        return ["evaluate", "lenet5", "--weights", weights, "--data", data, "--batch", "50", "--device", "cpu", "--input", kind.StartsWith("cifar", StringComparison.Ordinal) ? "32x32x3" : "32x32x1"];
    }

    private byte[] Original(string kind) => kind switch
    {
        "mnist images" => Images(20),
        "mnist labels" => Labels(20),
        "mnist images gz" => DataFiles.Gzip(Images(10)),
        "cifar10 batch" => DataFiles.CifarRecords([1, 2, 9], (r, p) => (byte)(r * p)),
        _ => File.ReadAllBytes(lenet.Weights),
    };

    private static byte[] Images(int count) => DataFiles.IdxImages(count, 28, 28, i => (byte)(i * 31));

    private static byte[] Labels(int count) => DataFiles.IdxLabels([.. Enumerable.Range(0, count).Select(i => (byte)(i % 10))]);

    // One of: flip bytes, cut the file, extend it, or set a header field to an extreme.
    private static byte[] Damage(byte[] original, Random random, bool headerFields)
    {
        byte[] bytes = [.. original];
        switch (random.Next(headerFields ? 5 : 4))
        {
            case 0:
                for (int n = random.Next(1, 5); n > 0; n--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 1:
                // Near the front, where the headers are, as often as anywhere else.
                int near = Math.Min(bytes.Length, 96);
                return bytes[..(random.Next(2) == 0 ? random.Next(near) : random.Next(bytes.Length))];
            case 2:
                byte[] extra = new byte[random.Next(1, 64)];
                random.NextBytes(extra);
                return [.. bytes, .. extra];
            case 3:
                // A run of bytes set to 0x00, 0xFF or random values, somewhere in the first 64.
                int start = random.Next(Math.Min(bytes.Length, 64));
                int length = Math.Min(random.Next(1, 9), bytes.Length - start);
                byte fill = (byte)(random.Next(3) switch { 0 => 0x00, 1 => 0xFF, _ => random.Next(256) });
                bytes.AsSpan(start, length).Fill(fill);
                return bytes;
            default:
                // A 4-byte big-endian field of an IDX header (count, rows, columns) or the safetensors
                // header length (8 bytes little-endian) set to an extreme.
                uint[] extremes = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 65536, (uint)random.Next()];
                uint value = extremes[random.Next(extremes.Length)];
                int field = random.Next(1, 4) * 4;
                if (field + 4 <= bytes.Length)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(field), value);
                }

                if (random.Next(4) == 0 && bytes.Length >= 8)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(bytes, ((ulong)value << random.Next(32)) | value);
                }

                return bytes;
        }
    }
}
