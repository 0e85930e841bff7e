using System.Reflection;

namespace CourseKit.Notebooks.Execution;

/// <summary>A <c>#r "nuget: …"</c> the kit cannot satisfy offline.</summary>
public sealed class PackageNotAvailableException(string message) : Exception(message);
