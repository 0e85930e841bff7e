using System.Buffers.Binary;
using System.Text;

namespace CourseKit.Runtime;

/// <summary>
/// Reads and edits the symbol-version requirements (<c>.gnu.version_r</c>, ELF type <c>SHT_GNU_verneed</c>)
/// of a 64-bit little-endian ELF shared library. This is all the TorchSharp load fix needs: listing what a
/// library requires, and marking one requirement weak (two bytes).
/// </summary>
public static class ElfVersionNeeds
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>Lists every version requirement in <paramref name="elf"/>.</summary>
    /// <exception cref="ElfFormatException">The bytes are not a well-formed 64-bit little-endian ELF file.</exception>
    public static IReadOnlyList<VersionNeed> Read(ReadOnlySpan<byte> elf)
    {
        CheckHeader(elf);
        var (verneedOffset, verneedCount, stringsOffset, stringsSize) = FindVerneedSection(elf);
        var needs = new List<VersionNeed>();
        long entry = verneedOffset;
        for (int i = 0; i < verneedCount; i++)
        {
            // Elf64_Verneed: vn_version(2) vn_cnt(2) vn_file(4) vn_aux(4) vn_next(4)
            ushort auxCount = U16(elf, entry + 2, "vn_cnt");
            string library = ReadString(elf, stringsOffset, stringsSize, U32(elf, entry + 4, "vn_file"));
            long aux = entry + U32(elf, entry + 8, "vn_aux");
            for (int j = 0; j < auxCount; j++)
            {
                // Elf64_Vernaux: vna_hash(4) vna_flags(2) vna_other(2) vna_name(4) vna_next(4)
                ushort flags = U16(elf, aux + 4, "vna_flags");
                string version = ReadString(elf, stringsOffset, stringsSize, U32(elf, aux + 8, "vna_name"));
                needs.Add(new VersionNeed(library, version, (flags & VerFlgWeak) != 0, aux + 4));
                uint nextAux = U32(elf, aux + 12, "vna_next");
                if (nextAux == 0) break;
                aux += nextAux;
            }
            uint next = U32(elf, entry + 12, "vn_next");
            if (next == 0) break;
            entry += next;
        }
        return needs;
    }

    /// <summary>
    /// Sets the <c>VER_FLG_WEAK</c> bit on the requirement of <paramref name="version"/> from
    /// <paramref name="library"/>, in place. Returns false when it was already weak (nothing changed).
    /// </summary>
    /// <exception cref="ElfFormatException">The file is malformed or has no such requirement.</exception>
    public static bool MakeWeak(Span<byte> elf, string library, string version)
    {
        var need = Read(elf).FirstOrDefault(n => n.Library == library && n.Version == version)
            ?? throw new ElfFormatException(
                $"the library does not require {version} from {library}; it is not the file the fix was made for");
        if (need.IsWeak) return false;
        var flagsField = elf.Slice((int)need.FlagsOffset, 2);
        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(flagsField);
        BinaryPrimitives.WriteUInt16LittleEndian(flagsField, (ushort)(flags | VerFlgWeak));
        return true;
    }

    /// <summary>The version names a library defines, found by scanning it for <paramref name="prefix"/> strings.</summary>
    /// <remarks>Good enough for libstdc++, whose version names (GLIBCXX_3.4.x) appear verbatim in .dynstr.</remarks>
    public static IReadOnlySet<string> DefinedVersionNames(ReadOnlySpan<byte> library, string prefix)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        byte[] needle = Encoding.ASCII.GetBytes(prefix);
        int start = 0;
        while (true)
        {
            int hit = library[start..].IndexOf(needle);
            if (hit < 0) break;
            int begin = start + hit;
            int end = begin;
            while (end < library.Length && library[end] != 0 && end - begin < 64) end++;
            names.Add(Encoding.ASCII.GetString(library[begin..end]));
            start = begin + needle.Length;
        }
        return names;
    }

    private static void CheckHeader(ReadOnlySpan<byte> elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new ElfFormatException("not an ELF file (bad magic number)");
        if (elf[4] != 2) throw new ElfFormatException("not a 64-bit ELF file");
        if (elf[5] != 1) throw new ElfFormatException("not a little-endian ELF file");
        ushort type = BinaryPrimitives.ReadUInt16LittleEndian(elf[16..]);
        if (type != 3) throw new ElfFormatException($"not a shared library (ELF type {type}, expected 3 = ET_DYN)");
    }

    private static (long Offset, uint Count, long StringsOffset, long StringsSize) FindVerneedSection(ReadOnlySpan<byte> elf)
    {
        // Elf64_Ehdr: e_shoff at 0x28, e_shentsize at 0x3A, e_shnum at 0x3C.
        long sectionTable = (long)U64(elf, 0x28, "e_shoff");
        ushort entrySize = U16(elf, 0x3A, "e_shentsize");
        ushort count = U16(elf, 0x3C, "e_shnum");
        if (entrySize != 64) throw new ElfFormatException($"unexpected section header size {entrySize}");
        for (int i = 0; i < count; i++)
        {
            long header = sectionTable + (long)i * entrySize;
            // Elf64_Shdr: sh_type at 4, sh_offset at 24, sh_size at 32, sh_link at 40, sh_info at 44.
            if (U32(elf, header + 4, "sh_type") != ShtGnuVerneed) continue;
            long offset = (long)U64(elf, header + 24, "sh_offset");
            uint linked = U32(elf, header + 40, "sh_link");
            uint entries = U32(elf, header + 44, "sh_info");
            if (linked >= count) throw new ElfFormatException("version section links to a missing string table");
            long strings = sectionTable + (long)linked * entrySize;
            return (offset, entries, (long)U64(elf, strings + 24, "sh_offset"), (long)U64(elf, strings + 32, "sh_size"));
        }
        throw new ElfFormatException("the library has no symbol-version requirements (.gnu.version_r)");
    }

    private static string ReadString(ReadOnlySpan<byte> elf, long tableOffset, long tableSize, uint index)
    {
        if (index >= tableSize) throw new ElfFormatException("a version name points outside the string table");
        long start = tableOffset + index;
        Check(elf, start, 1, "string table");
        int length = elf[(int)start..].IndexOf((byte)0);
        if (length < 0) throw new ElfFormatException("unterminated string in the string table");
        return Encoding.ASCII.GetString(elf.Slice((int)start, length));
    }

    private static ushort U16(ReadOnlySpan<byte> b, long at, string field) { Check(b, at, 2, field); return BinaryPrimitives.ReadUInt16LittleEndian(b[(int)at..]); }
    private static uint U32(ReadOnlySpan<byte> b, long at, string field) { Check(b, at, 4, field); return BinaryPrimitives.ReadUInt32LittleEndian(b[(int)at..]); }
    private static ulong U64(ReadOnlySpan<byte> b, long at, string field) { Check(b, at, 8, field); return BinaryPrimitives.ReadUInt64LittleEndian(b[(int)at..]); }

    private static void Check(ReadOnlySpan<byte> b, long at, int size, string field)
    {
        if (at < 0 || at + size > b.Length)
            throw new ElfFormatException($"truncated or corrupt ELF file: {field} at offset {at} lies beyond its {b.Length} bytes");
    }
}
