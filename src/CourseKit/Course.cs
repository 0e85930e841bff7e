using CourseKit.Runtime;
using CourseKit.Training;
using CourseKit.Visualization;

namespace CourseKit;

/// <summary>
/// The first call of every notebook: <c>using static CourseKit.Course; Start();</c>.
/// </summary>
public static class Course
{
    /// <summary>
    /// Loads TorchSharp (with the Linux load fix where needed), uses every core, and fixes the seed so the
    /// numbers in the prose are the numbers the reader gets. Inside Polyglot Notebooks it also registers the
    /// display of the kit's pictures, charts and tables (<see cref="RichOutput"/>) with .NET Interactive.
    /// </summary>
    /// <param name="seed">The seed for TorchSharp and the returned <see cref="Random"/>.</param>
    /// <returns>A <see cref="Random"/> seeded with <paramref name="seed"/>.</returns>
    public static Random Start(int seed = 0)
    {
        TorchRuntime.Initialize();
        PolyglotFormatting.TryInstall();
        return Seeds.Set(seed);
    }
}
