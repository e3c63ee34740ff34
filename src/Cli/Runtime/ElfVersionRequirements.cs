using System.Buffers.Binary;
using System.Text;

namespace FluentNets.Cli.Runtime;

/// <summary>
/// Reads the version requirements (the SHT_GNU_verneed section) of an ELF64 little-endian shared
/// library, to tell whether build/TorchSharp.targets marked libLibTorchSharp.so's GLIBCXX_3.4.32
/// requirement weak. Layouts: https://refspecs.linuxfoundation.org/LSB_5.0.0/LSB-Core-generic/LSB-Core-generic/symversion.html
/// </summary>
public static class ElfVersionRequirements
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>How <paramref name="library"/> asks for the symbol version <paramref name="version"/>, e.g. <c>GLIBCXX_3.4.32</c>.</summary>
    /// <param name="library">The path of an ELF64 little-endian shared library.</param>
    /// <param name="version">The version name.</param>
    /// <exception cref="InvalidDataException">The file is not an ELF64 little-endian library whose version requirements can be read.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static VersionRequirement Of(string library, string version)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(version);
        var elf = File.ReadAllBytes(library);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException($"{library}: expected an ELF64 little-endian library, found other bytes.");
        }

        long sections = (long)U64(elf, 0x28);
        int entrySize = U16(elf, 0x3a);
        int count = U16(elf, 0x3c);
        var result = VersionRequirement.None;
        for (int i = 0; i < count; i++)
        {
            long header = sections + (long)i * entrySize;
            if (U32(elf, header + 0x04) != ShtGnuVerneed)
            {
                continue;
            }

            long offset = (long)U64(elf, header + 0x18);
            long strings = (long)U64(elf, sections + (long)U32(elf, header + 0x28) * entrySize + 0x18);
            long needed = offset;
            for (uint n = 0, needs = U32(elf, header + 0x2c); n < needs; n++)
            {
                // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
                long aux = needed + U32(elf, needed + 8);
                for (int a = 0, auxes = U16(elf, needed + 2); a < auxes; a++)
                {
                    // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
                    if (Name(elf, strings + U32(elf, aux + 8)) == version)
                    {
                        result = (U16(elf, aux + 4) & VerFlgWeak) != 0 ? VersionRequirement.Weak : VersionRequirement.Strict;
                        if (result == VersionRequirement.Strict)
                        {
                            return result;
                        }
                    }

                    aux += U32(elf, aux + 12);
                }

                needed += U32(elf, needed + 12);
            }
        }

        return result;
    }

    /// <summary>Whether a library's bytes name <paramref name="version"/>, e.g. whether a libstdc++ defines <c>GLIBCXX_3.4.32</c>.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static bool Names(string library, string version) =>
        File.ReadAllBytes(library).AsSpan().IndexOf(Encoding.ASCII.GetBytes(version + "\0")) >= 0;

    private static string Name(byte[] elf, long offset)
    {
        Check(elf, offset, 1);
        int end = Array.IndexOf(elf, (byte)0, (int)offset);
        return end < 0 ? throw Outside(offset) : Encoding.ASCII.GetString(elf, (int)offset, end - (int)offset);
    }

    private static ushort U16(byte[] elf, long offset) => BinaryPrimitives.ReadUInt16LittleEndian(Check(elf, offset, 2));

    private static uint U32(byte[] elf, long offset) => BinaryPrimitives.ReadUInt32LittleEndian(Check(elf, offset, 4));

    private static ulong U64(byte[] elf, long offset) => BinaryPrimitives.ReadUInt64LittleEndian(Check(elf, offset, 8));

    private static ReadOnlySpan<byte> Check(byte[] elf, long offset, int length) =>
        offset >= 0 && offset <= elf.Length - length ? elf.AsSpan((int)offset, length) : throw Outside(offset);

    private static InvalidDataException Outside(long offset) =>
        new($"expected ELF version requirements inside the file, found an offset {offset} outside it.");
}
