using System.Reflection;
using static TorchSharp.torch;

namespace CourseKit.Imaging;

/// <summary>
/// The course's photos (from scikit-image's data; see data/images/ATTRIBUTION.md), shipped inside the library:
/// "camera" (grey, 1×512×512), "chelsea" (a cat, 3×300×451), "astronaut" (3×512×512), "coffee" (3×400×600),
/// "rocket" (3×427×640). Values are float32 in [0,1].
/// </summary>
public static class Photos
{
    private static readonly Dictionary<string, string> Files = new(StringComparer.OrdinalIgnoreCase)
    {
        ["camera"] = "camera.png",
        ["chelsea"] = "chelsea.png",
        ["astronaut"] = "astronaut.png",
        ["coffee"] = "coffee.png",
        ["rocket"] = "rocket.jpg",
    };

    /// <summary>The names <see cref="Load"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["camera", "chelsea", "astronaut", "coffee", "rocket"];

    /// <summary>Loads a photo as C×H×W float32 in [0,1]: 1×H×W for the grey "camera", 3×H×W for the others. A new tensor each call.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the names.</exception>
    public static Tensor Load(string name)
    {
        if (!Files.TryGetValue(name, out var file))
            throw new ArgumentException($"no photo named '{name}'; the photos are: {string.Join(", ", Names)}", nameof(name));
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"CourseKit.Photos.{file}")
            ?? throw new InvalidOperationException($"photo {file} is missing from the CourseKit assembly (build problem: data/images/{file})");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return ImageFile.Decode(bytes.ToArray(), file);
    }
}
