using CourseKit.Data;
using CourseKit.Models;
using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Models;

public class MnistClassifierTests
{
    [Fact]
    public void The_shipped_checkpoint_loads_and_meets_its_stated_accuracy()
    {
        string path = MnistClassifier.DefaultPath;
        Assert.True(File.Exists(path), $"{path} is missing; regenerate it with `dotnet run --project src/CourseKit.Cli -- train mnist-classifier`.");
        long size = new FileInfo(path).Length;
        using var model = MnistClassifier.LoadOrTrain(path);
        Assert.Equal(size, new FileInfo(path).Length);   // loaded, not retrained
        using var test = Mnist.Load(Split.Test);
        var trainer = new Trainer(model, optim.Adam(model.parameters()), (o, t) => nn.functional.cross_entropy(o, t));
        var evaluation = trainer.Evaluate(new BatchLoader(test, 1000));
        Assert.True(evaluation.Accuracy >= MnistClassifier.StatedAccuracy, evaluation.ToString());

        using var scope = NewDisposeScope();
        var images = test.Inputs.narrow(0, 0, 8);
        Assert.Equal([8L, 128], model.Features(images).shape);
        var probabilities = model.Probabilities(images);
        Assert.True(probabilities.sum(1).allclose(ones(8), rtol: 1e-5, atol: 1e-5));
    }
}
