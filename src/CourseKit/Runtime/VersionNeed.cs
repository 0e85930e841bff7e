using System.Buffers.Binary;
using System.Text;

namespace CourseKit.Runtime;

/// <summary>One symbol-version requirement of a shared library (an entry of <c>.gnu.version_r</c>).</summary>
/// <param name="Library">The library that must provide the version, e.g. <c>libstdc++.so.6</c>.</param>
/// <param name="Version">The version name, e.g. <c>GLIBCXX_3.4.32</c>.</param>
/// <param name="IsWeak">True when the <c>VER_FLG_WEAK</c> bit is set: the loader then accepts a library without it.</param>
/// <param name="FlagsOffset">File offset of the entry's two-byte <c>vna_flags</c> field.</param>
public sealed record VersionNeed(string Library, string Version, bool IsWeak, long FlagsOffset);
