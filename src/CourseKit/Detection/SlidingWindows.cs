using CourseKit.Data;
using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Detection;

/// <summary>Sliding windows (the detection lecture: "slide a window around looking for it; a brute-force approach with many local decisions").</summary>
public static class SlidingWindows
{
    /// <summary>Every square window of each side in <paramref name="sides"/> at the given stride over a width×height image.</summary>
    public static IReadOnlyList<Box> Windows(int width, int height, IReadOnlyList<int> sides, int stride)
    {
        if (stride <= 0) throw new ArgumentException("stride must be positive");
        var windows = new List<Box>();
        foreach (int side in sides)
            for (int y = 0; y + side <= height; y += stride)
                for (int x = 0; x + side <= width; x += stride) windows.Add(new Box(x, y, x + side, y + side));
        return windows;
    }
}
