using CourseKit.Grading.Assignments;

namespace CourseKit.Tests.Grading;

/// <summary>The Gradescope bundle holds what the kit needs to build and to find A1's dataset on the grading image.</summary>
public sealed class AutograderBundleTests
{
    [Fact]
    public void Bundle_carries_the_dataset_manifest_and_setup_fetches_the_datasets()
    {
        var fixture = GradingFixture.Shared.Value;
        string kit = Path.GetDirectoryName(fixture.AssignmentsRoot)!;
        string output = Path.Combine(fixture.Scratch, "bundle");

        string bundle = AutograderBundle.Write(fixture.Assignment, fixture.Generated.Master, output, kit);

        Assert.Equal(File.ReadAllText(Path.Combine(kit, "data", "manifest.sha256")),
            File.ReadAllText(Path.Combine(bundle, "kit", "data", "manifest.sha256")));
        Assert.True(File.Exists(Path.Combine(bundle, "kit", "src", "CourseKit.Notebooks", "CourseKit.Notebooks.csproj")));
        string setup = File.ReadAllText(Path.Combine(bundle, "setup.sh"));
        Assert.Contains("data download --to /autograder/source/kit/data", setup);
        Assert.True(setup.IndexOf("dotnet build", StringComparison.Ordinal) < setup.IndexOf("data download", StringComparison.Ordinal));
    }
}
