using CourseKit.Notebooks.Model;

namespace CourseKit.Cli.Book;

/// <summary>One page of the course website: a lecture or an assignment, from its notebook.</summary>
/// <param name="Kind">What it is: <see cref="BookChapterKind.Lecture"/> or <see cref="BookChapterKind.Assignment"/>.</param>
/// <param name="Slug">The page's file name without extension (<c>01-images-and-filtering</c>, <c>A1</c>); also the notebook's name on the site.</param>
/// <param name="Notebook">The notebook as it is (executed for lectures); the builder takes its student version itself.</param>
public sealed record BookChapter(BookChapterKind Kind, string Slug, Notebook Notebook);
