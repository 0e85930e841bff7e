namespace CourseKit.Cli.Book;

/// <summary>What a page of the course website is.</summary>
public enum BookChapterKind
{
    /// <summary>A lecture notebook, with its outputs.</summary>
    Lecture,

    /// <summary>An assignment, student version.</summary>
    Assignment,
}
