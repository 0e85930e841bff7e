using System.Reflection;
using CourseKit.Assignments;
using CourseKit.Tests.Notebooks;
using CourseKit.Visualization;
using static TorchSharp.torch;

namespace CourseKit.Tests.Visualization;

/// <summary>One convention for the helpers a notebook calls: a Show… method shows and returns nothing.</summary>
[Collection(EngineCollection.Name)]   // swaps the process-wide display host
public class ShowConventionTests
{
    [Fact]
    public void Every_public_Show_method_of_the_kit_returns_nothing()
    {
        var shows = typeof(Pictures).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.Name.StartsWith("Show", StringComparison.Ordinal) && !m.IsSpecialName)
            .ToList();
        Assert.True(shows.Count >= 7, $"found only {shows.Count} Show… methods");
        var returning = shows.Where(m => m.ReturnType != typeof(void)).Select(m => $"{m.DeclaringType!.Name}.{m.Name}");
        Assert.Empty(returning);
    }

    [Fact]
    public void A_Show_method_displays_the_same_picture_its_builder_returns()
    {
        var previous = Output.Host;
        var shown = new List<object>();
        try
        {
            Output.SetHost(value => { shown.Add(value); return new NoHandle(); });
            using var images = rand(3, 1, 4, 4, generator: new TorchSharp.torch.Generator(7));
            Pictures.ShowImages(images, ["a", "b", "c"], columns: 3);
            SelfCheck.Show("q0", new SelfCheckResult("one", true, "fine"));
            Assert.Equal(2, shown.Count);
            Assert.Equal(Pictures.Images(images, ["a", "b", "c"], columns: 3).Data, ((RichOutput)shown[0]).Data);
            Assert.Equal(SelfCheck.Results("q0", new SelfCheckResult("one", true, "fine")).Data, ((RichOutput)shown[1]).Data);
        }
        finally
        {
            Output.SetHost(previous);
        }
    }

    private sealed class NoHandle : IDisplayHandle
    {
        public void Update(object value) { }
    }
}
