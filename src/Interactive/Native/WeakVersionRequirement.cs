using System.Buffers.Binary;
using System.Text;

namespace FluentNets.Interactive.Native;

/// <summary>
/// Sets VER_FLG_WEAK on one symbol-version requirement (an Elf64_Vernaux entry of the
/// SHT_GNU_verneed section) of an ELF64 little-endian library, so that the dynamic loader lets the
/// version be missing: build/LibTorchSharpPatch.targets does the same to an application's output
/// folder. Layouts: https://refspecs.linuxfoundation.org/LSB_5.0.0/LSB-Core-generic/LSB-Core-generic/symversion.html
/// </summary>
internal static class WeakVersionRequirement
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>Marks every requirement of <paramref name="version"/> in <paramref name="elf"/> weak; returns how many were strict.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ELF64 little-endian library whose version requirements can be read.</exception>
    public static int Mark(byte[] elf, string version)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("expected an ELF64 little-endian library, found other bytes.");
        }

        long sections = (long)U64(elf, 0x28);
        int entrySize = U16(elf, 0x3a);
        int count = U16(elf, 0x3c);
        int changed = 0;
        for (int i = 0; i < count; i++)
        {
            long header = sections + (long)i * entrySize;
            if (U32(elf, header + 0x04) != ShtGnuVerneed)
            {
                continue;
            }

            long strings = (long)U64(elf, sections + (long)U32(elf, header + 0x28) * entrySize + 0x18);
            long needed = (long)U64(elf, header + 0x18);
            for (uint n = 0, needs = U32(elf, header + 0x2c); n < needs; n++)
            {
                // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
                long aux = needed + U32(elf, needed + 8);
                for (int a = 0, auxes = U16(elf, needed + 2); a < auxes; a++)
                {
                    // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
                    ushort flags = U16(elf, aux + 4);
                    if (Name(elf, strings + U32(elf, aux + 8)) == version && (flags & VerFlgWeak) == 0)
                    {
                        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan((int)(aux + 4), 2), (ushort)(flags | VerFlgWeak));
                        changed++;
                    }

                    aux += U32(elf, aux + 12);
                }

                needed += U32(elf, needed + 12);
            }
        }

        return changed;
    }

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
