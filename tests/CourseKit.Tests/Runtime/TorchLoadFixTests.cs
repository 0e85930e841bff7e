using CourseKit.Runtime;
using TorchSharp;

namespace CourseKit.Tests.Runtime;

public class TorchLoadFixTests
{
    private static string OriginalLibrary()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"TorchSharp's native library should be in the test output: {path}");
        return path;
    }

    [Fact]
    public void A_tensor_operation_runs()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        var product = torch.matmul(a, a);
        Assert.Equal(new float[] { 7, 10, 15, 22 }, product.data<float>().ToArray());
    }

    [Fact]
    public void The_fix_is_applied_exactly_when_the_system_lacks_the_version()
    {
        var (_, versions) = TorchLoadFix.SystemStdCxxVersions();
        bool systemHasIt = versions.Contains(TorchLoadFix.PatchableVersion);
        var needs = ElfVersionNeeds.Read(File.ReadAllBytes(OriginalLibrary()));
        var missing = TorchLoadFix.MissingVersions(needs, versions);

        Assert.Equal(systemHasIt ? Array.Empty<string>() : [TorchLoadFix.PatchableVersion], missing);
        Assert.Equal(!systemHasIt, TorchLoadFix.Report?.Applied ?? false);
    }

    [Fact]
    public void Missing_versions_ignore_weak_requirements_and_other_libraries()
    {
        var needs = new[]
        {
            new VersionNeed("libstdc++.so.6", "GLIBCXX_3.4.32", IsWeak: false, 0),
            new VersionNeed("libstdc++.so.6", "GLIBCXX_3.4.33", IsWeak: true, 0),
            new VersionNeed("libc.so.6", "GLIBC_2.99", IsWeak: false, 0),
            new VersionNeed("libstdc++.so.6", "GLIBCXX_3.4.30", IsWeak: false, 0),
        };
        var system = new HashSet<string> { "GLIBCXX_3.4.30" };
        Assert.Equal(["GLIBCXX_3.4.32"], TorchLoadFix.MissingVersions(needs, system));
        system.Add("GLIBCXX_3.4.32");
        Assert.Empty(TorchLoadFix.MissingVersions(needs, system));
    }

    [Fact]
    public void Patching_changes_two_bytes_and_patching_twice_changes_nothing()
    {
        byte[] original = File.ReadAllBytes(OriginalLibrary());
        byte[] once = TorchLoadFix.Patch(original);
        byte[] twice = TorchLoadFix.Patch(once);

        int changed = original.Zip(once).Count(p => p.First != p.Second);
        Assert.Equal(1, changed); // the low byte of vna_flags: 0x0000 -> 0x0002
        Assert.Equal(once, twice);
        var need = ElfVersionNeeds.Read(once).Single(n => n.Version == TorchLoadFix.PatchableVersion);
        Assert.True(need.IsWeak);
        Assert.False(ElfVersionNeeds.Read(original).Single(n => n.Version == TorchLoadFix.PatchableVersion).IsWeak);
    }

    [Fact]
    public void The_patched_copy_is_cached_by_content_and_reused()
    {
        string cache = Directory.CreateTempSubdirectory("coursekit-fix-").FullName;
        try
        {
            string first = TorchLoadFix.WritePatchedCopy(OriginalLibrary(), cache);
            DateTime written = File.GetLastWriteTimeUtc(first);
            string second = TorchLoadFix.WritePatchedCopy(OriginalLibrary(), cache);
            Assert.Equal(first, second);
            Assert.Equal(written, File.GetLastWriteTimeUtc(second));
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(first)!, "*.tmp"));
        }
        finally { Directory.Delete(cache, recursive: true); }
    }

    [Fact]
    public void A_file_that_is_not_ELF_is_refused()
    {
        var e = Assert.Throws<ElfFormatException>(() => TorchLoadFix.Patch("this is not a library"u8.ToArray().Concat(new byte[100]).ToArray()));
        Assert.Contains("not an ELF file", e.Message);
    }

    [Fact]
    public void A_truncated_library_is_refused()
    {
        byte[] truncated = File.ReadAllBytes(OriginalLibrary())[..4096];
        var e = Assert.Throws<ElfFormatException>(() => TorchLoadFix.Patch(truncated));
        Assert.Contains("truncated or corrupt", e.Message);
    }

    [Fact]
    public void A_library_without_the_requirement_is_refused_not_patched()
    {
        string libc10 = Path.Combine(Path.GetDirectoryName(OriginalLibrary())!, "libc10.so");
        byte[] bytes = File.ReadAllBytes(libc10);
        var e = Assert.Throws<ElfFormatException>(() => TorchLoadFix.Patch(bytes));
        Assert.Contains("does not require GLIBCXX_3.4.32", e.Message);
    }

    [Fact]
    public void A_32_bit_or_big_endian_file_is_refused()
    {
        byte[] header = File.ReadAllBytes(OriginalLibrary())[..4096];
        header[4] = 1;
        Assert.Contains("64-bit", Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.Read(header)).Message);
        header[4] = 2; header[5] = 2;
        Assert.Contains("little-endian", Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.Read(header)).Message);
    }
}
