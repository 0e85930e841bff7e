using CourseKit.Data;
using static TorchSharp.torch;

namespace CourseKit.Tests.Data;

/// <summary>The shipped datasets. Reference values were computed from the files with a separate Python script.</summary>
public class DatasetTests
{
    [Fact]
    public void MNIST_train_has_60000_images_in_0_1_with_the_known_labels()
    {
        using var train = Mnist.Load(Split.Train);

        Assert.Equal([60000, 1, 28, 28], train.Inputs.shape);
        Assert.Equal(ScalarType.Float32, train.Inputs.dtype);
        Assert.Equal(ScalarType.Int64, train.Targets.dtype);
        Assert.Equal(0f, train.Inputs.min().item<float>());
        Assert.Equal(1f, train.Inputs.max().item<float>());
        Assert.Equal([5L, 0, 4, 1, 9, 2, 1, 3, 1, 4], train.Targets[..10].data<long>().ToArray());
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], train.CountPerClass());
        Assert.Equal(27525.0, train.Inputs[0].sum().item<float>() * 255.0, 1);                     // Σ bytes of image 0
        Assert.Equal(1567298545.0 / (60000.0 * 784 * 255), train.Inputs.mean().item<float>(), 5);   // the famous 0.1307
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString()), train.ClassNames);
    }

    [Fact]
    public void MNIST_test_has_10000_images_and_the_known_labels()
    {
        using var test = Mnist.Load(Split.Test);

        Assert.Equal([10000, 1, 28, 28], test.Inputs.shape);
        Assert.Equal([7L, 2, 1, 0, 4, 1, 4, 9, 5, 9], test.Targets[..10].data<long>().ToArray());
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], test.CountPerClass());
        Assert.Equal(18454.0, test.Inputs[0].sum().item<float>() * 255.0, 1);
    }

    [Fact]
    public void Fashion_MNIST_is_balanced_and_starts_with_an_ankle_boot()
    {
        using var train = FashionMnist.Load(Split.Train);
        using var test = FashionMnist.Load(Split.Test);

        Assert.Equal([60000, 1, 28, 28], train.Inputs.shape);
        Assert.Equal([10000, 1, 28, 28], test.Inputs.shape);
        Assert.Equal([9L, 0, 0, 3, 0, 2, 7, 2, 5, 5], train.Targets[..10].data<long>().ToArray());
        Assert.Equal([9L, 2, 1, 1, 6, 1, 4, 6, 5, 7], test.Targets[..10].data<long>().ToArray());
        Assert.All(train.CountPerClass(), n => Assert.Equal(6000, n));
        Assert.All(test.CountPerClass(), n => Assert.Equal(1000, n));
        Assert.Equal("Ankle boot", train.ClassNames[9]);
        Assert.Equal(76247.0, train.Inputs[0].sum().item<float>() * 255.0, 1);
    }

    [Fact]
    public void A_limit_loads_the_first_examples_and_each_load_is_the_callers_own_copy()
    {
        using var first = Mnist.Load(Split.Test, limit: 100);
        using var again = Mnist.Load(Split.Test, limit: 100);
        using var all = Mnist.Load(Split.Test);

        Assert.Equal(100, first.Count);
        Assert.True(first.Inputs.equal(all.Inputs[..100]).all().item<bool>());
        first.Inputs.zero_();
        Assert.Equal(18454.0, again.Inputs[0].sum().item<float>() * 255.0, 1);   // not shared
        Assert.Throws<ArgumentOutOfRangeException>(() => Mnist.Load(Split.Test, limit: 0));
    }

    [Fact]
    public void PerClass_picks_the_same_balanced_subset_for_the_same_seed()
    {
        using var test = Mnist.Load(Split.Test, limit: 2000);
        using var a = test.PerClass(10, seed: 1);
        using var b = test.PerClass(10, seed: 1);
        using var c = test.PerClass(10, seed: 2);

        Assert.Equal(100, a.Count);
        Assert.All(a.CountPerClass(), n => Assert.Equal(10, n));
        Assert.True(a.Inputs.equal(b.Inputs).all().item<bool>());
        Assert.True(a.Targets.equal(b.Targets).all().item<bool>());
        Assert.False(a.Inputs.equal(c.Inputs).all().item<bool>());
        Assert.Equal(test.ClassNames, a.ClassNames);
        Assert.Contains("has only", Assert.Throws<ArgumentException>(() => test.PerClass(1000, seed: 0)).Message);
    }

    [Fact]
    public void Take_returns_an_image_dataset_with_the_class_names()
    {
        using var test = FashionMnist.Load(Split.Test, limit: 50);
        using ImageDataset five = test.Take(5);

        Assert.Equal(5, five.Count);
        Assert.Equal(test.ClassNames, five.ClassNames);
        Assert.True(five.Targets.equal(test.Targets[..5]).all().item<bool>());
    }

    [Fact]
    public void The_doctor_reports_both_datasets_found_and_verified_in_the_repository()
    {
        var checks = DatasetChecks.Examine().ToList();

        Assert.All(checks, c => Assert.True(c.Ok, c.Finding));
        Assert.Contains(checks, c => c.Topic == "MNIST" && c.Finding.StartsWith("60000 train + 10000 test, SHA-256 ok, in data/ in the repository"));
        Assert.Contains(checks, c => c.Topic == "Fashion-MNIST" && c.Finding.Contains("SHA-256 ok"));
    }
}
