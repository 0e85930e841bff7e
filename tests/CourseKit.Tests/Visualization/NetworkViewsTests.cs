using CourseKit.Data;
using CourseKit.Models;
using CourseKit.Training;
using CourseKit.Visualization;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Visualization;

public class NetworkViewsTests
{
    [Fact]
    public void Filters_and_feature_maps_are_pictures_with_one_tile_each()
    {
        using var scope = NewDisposeScope();
        using var model = new LeNet5();
        var filters = NetworkViews.Filters(model.parameters().First());   // c1: 6×1×5×5
        Assert.True(filters.Data.ContainsKey("image/png"));
        Assert.Equal("6 images 1×5×5: filter 0, filter 1, filter 2, filter 3, filter 4, filter 5", filters.ToString());
        var low = NetworkViews.FeatureMaps(model, rand(1, 28, 28), "a1");
        Assert.StartsWith("6 images 1×28×28: a1[0]", low.ToString());
        var high = NetworkViews.FeatureMaps(model, rand(1, 28, 28), "s4", maxMaps: 4);
        Assert.StartsWith("4 images 1×5×5: s4[0]", high.ToString());
        Assert.Throws<ArgumentException>(() => NetworkViews.FeatureMaps(model, rand(1, 28, 28), "f6"));
    }

    [Fact]
    public void Misclassified_shows_only_wrong_predictions_labelled_true_to_predicted()
    {
        // A "model" that always answers class 1: examples of class 0 and 2 are the wrong ones.
        using var scope = NewDisposeScope();
        var inputs = rand(5, 1, 4, 4);
        using var data = new ImageDataset(inputs, tensor(new long[] { 0, 1, 2, 1, 0 }), ["zero", "one", "two"]);
        using var alwaysOne = new ConstantClassifier(1, 3);
        var picture = NetworkViews.Misclassified(alwaysOne, data);
        Assert.Equal("3 images 1×4×4: zero → one, two → one, zero → one", picture.ToString());
    }

    [Fact]
    public void Model_comparison_trains_each_model_and_tabulates_it()
    {
        using var train = XsAndOs.Dataset(60, seed: 1);
        using var test = XsAndOs.Dataset(20, seed: 2);
        var rows = ModelComparison.Run([("tiny", () => XsAndOs.Model()), ("hand-made", () => XsAndOs.Model(handMadeFeatures: true))], train, test, epochs: 2);
        Assert.Equal(["tiny", "hand-made"], rows.Select(r => r.Name));
        Assert.Equal(3 * 9 + 3 + 27 * 2 + 2, rows[0].Parameters);
        Assert.All(rows, r => Assert.Equal(2, r.History.Epochs.Count));
        Assert.Contains("<td>hand-made</td><td style=\"text-align:right\">86</td>", ModelComparison.Table(rows).Data["text/html"]);
    }

    private sealed class ConstantClassifier(long answer, int classes) : nn.Module<Tensor, Tensor>("ConstantClassifier")
    {
        public override Tensor forward(Tensor input) =>
            nn.functional.one_hot(full(input.shape[0], answer, dtype: int64), classes).to_type(float32);
    }
}
