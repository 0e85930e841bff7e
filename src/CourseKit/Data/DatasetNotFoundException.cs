using CourseKit.Runtime;

namespace CourseKit.Data;

/// <summary>A dataset file that is in none of the places the kit looks.</summary>
public sealed class DatasetNotFoundException : FileNotFoundException
{
    /// <summary>Creates the exception with the list of places looked at.</summary>
    public DatasetNotFoundException(string message, string fileName) : base(message, fileName) { }
}
