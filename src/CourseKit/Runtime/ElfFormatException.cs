using System.Buffers.Binary;
using System.Text;

namespace CourseKit.Runtime;

/// <summary>Thrown when a file is not the kind of ELF library the load fix can read or patch.</summary>
public sealed class ElfFormatException(string message) : Exception(message);
