using CourseKit.Transfer;

namespace CourseKit.Tests.Vision;

public class TransferTableTests
{
    [Fact]
    public void Pretrained_features_beat_training_from_scratch_on_a_similar_task_with_little_data()
    {
        var settings = new TransferSettings(PretrainImages: 3000, PretrainEpochs: 1, LittlePerClass: 10, MuchPerClass: 60,
            TestImages: 500, Seeds: [0], Steps: 40);
        var lines = new List<string>();
        var results = TransferTable.Run(settings, new CourseKit.Training.ProgressCallback<string>(lines.Add));

        // 2 targets × 2 amounts of data × 4 strategies, each with one accuracy per seed.
        Assert.Equal(16, results.Count);
        Assert.All(results, r => Assert.Single(r.Accuracies));
        Assert.StartsWith("pretrained on MNIST digits 0-4: test accuracy", lines[0]);

        double Accuracy(string target, int perClass, TransferStrategy strategy) =>
            results.Single(r => r.Target == target && r.LabelsPerClass == perClass && r.Strategy == strategy).Mean;
        double scratch = Accuracy("similar", 10, TransferStrategy.FromScratch);
        double fineTuned = Accuracy("similar", 10, TransferStrategy.FineTuneAll);
        Assert.True(fineTuned > scratch + 0.05, $"fine-tuned {fineTuned:P1} vs from scratch {scratch:P1} with 10 labels per class");
        // every adaptation of the pretrained network starts from useful features: well above chance (20 %)
        Assert.All(results.Where(r => r.Strategy != TransferStrategy.FromScratch), r => Assert.InRange(r.Mean, 0.4, 1.0));

        string table = TransferTable.ToMarkdown(results);
        Assert.Contains("| 10 labels per class |", table);
        Assert.Contains("| 60 labels per class |", table);
    }
}
