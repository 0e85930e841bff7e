using CourseKit.Data;
using CourseKit.Training;
using static TorchSharp.torch;

namespace CourseKit.Sequences;

/// <summary>Trains the sequence classifiers of this folder with Adam and cross-entropy.</summary>
public static class SequenceTraining
{
    /// <summary>Trains <paramref name="model"/> on <paramref name="train"/> and reports test accuracy after every epoch.</summary>
    public static IReadOnlyList<SequenceEpoch> Fit(nn.Module<Tensor, Tensor> model, InMemoryDataset train, InMemoryDataset test,
        int epochs, double learningRate = 3e-3, int batchSize = 64, int seed = 0, double clipNorm = 1.0,
        IProgress<SequenceEpoch>? progress = null, CancellationToken cancellationToken = default)
    {
        using var optimizer = optim.Adam(model.parameters(), learningRate);
        var trainer = new Trainer(model, optimizer, (output, targets) => nn.functional.cross_entropy(output, targets))
        {
            ClipGradNorm = clipNorm,
        };
        var history = new List<SequenceEpoch>();
        var afterEpoch = new ProgressCallback<EpochMetrics>(metrics =>
        {
            var result = new SequenceEpoch(metrics.Epoch - 1, metrics.TrainLoss, Accuracy(model, test));
            history.Add(result);
            progress?.Report(result);
        });
        trainer.Fit(new BatchLoader(train, batchSize, Shuffle: true, Seed: seed), epochs: epochs, progress: afterEpoch, cancellationToken: cancellationToken);
        return history;
    }

    /// <summary>The fraction of <paramref name="data"/> that <paramref name="model"/> classifies correctly.</summary>
    public static double Accuracy(nn.Module<Tensor, Tensor> model, InMemoryDataset data)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        var predicted = model.forward(data.Inputs).argmax(1);
        return predicted.eq(data.Targets).to_type(float32).mean().item<float>();
    }
}
