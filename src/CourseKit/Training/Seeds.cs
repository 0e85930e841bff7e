using TorchSharp;

namespace CourseKit.Training;

/// <summary>Fixes every source of randomness the kit uses, so the numbers in the prose are the reader's numbers.</summary>
public static class Seeds
{
    /// <summary>Seeds TorchSharp's generator and returns a <see cref="Random"/> seeded the same way.</summary>
    public static Random Set(int seed)
    {
        torch.manual_seed(seed);
        return new Random(seed);
    }
}
