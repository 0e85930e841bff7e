using CourseKit.Runtime;
using CourseKit.Training;

namespace CourseKit;

/// <summary>
/// The first call of every notebook: <c>using static CourseKit.Course; Start();</c>.
/// </summary>
public static class Course
{
    /// <summary>
    /// Loads TorchSharp (with the Linux load fix where needed), uses every core, and fixes the seed so the
    /// numbers in the prose are the numbers the reader gets.
    /// </summary>
    /// <param name="seed">The seed for TorchSharp and the returned <see cref="Random"/>.</param>
    /// <returns>A <see cref="Random"/> seeded with <paramref name="seed"/>.</returns>
    public static Random Start(int seed = 0)
    {
        TorchRuntime.Initialize();
        return Seeds.Set(seed);
    }
}
