using CourseKit.Data;
using CourseKit.Models;
using CourseKit.Training;
using static TorchSharp.torch;

namespace CourseKit.Transfer;

/// <summary>
/// Measures the transfer-learning lecture's 2×2 table (similar / different data × little / much data): pretrain a
/// <see cref="GapClassifier"/> on MNIST digits 0–4, then adapt it with each <see cref="TransferStrategy"/> to a similar
/// target (digits 5–9) and a different one (Fashion-MNIST T-shirt, trouser, pullover, dress, coat).
/// </summary>
public static class TransferTable
{
    private const int Classes = 5;
    private const double HeadRate = 3e-3;

    /// <summary>Runs the whole experiment; reports a line per finished cell.</summary>
    public static IReadOnlyList<TransferResult> Run(TransferSettings settings, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var pretrained = Pretrain(settings, cancellationToken);
        progress?.Report($"pretrained on MNIST digits 0-4: test accuracy {pretrained.Accuracy:P1}");
        var results = new List<TransferResult>();
        foreach (var (target, train, test) in Targets(settings))
        {
            using (train) using (test)
            {
                foreach (int perClass in new[] { settings.LittlePerClass, settings.MuchPerClass })
                foreach (var strategy in Enum.GetValues<TransferStrategy>())
                {
                    var accuracies = settings.SeedList
                        .Select(seed => Adapt(pretrained.State, strategy, train, test, perClass, seed, settings.Steps, cancellationToken))
                        .ToList();
                    var result = new TransferResult(target, perClass, strategy, accuracies);
                    results.Add(result);
                    progress?.Report($"{target,-9} {perClass,4} per class  {strategy,-16} {Format(result)}");
                }
            }
        }
        foreach (var tensor in pretrained.State.Values) tensor.Dispose();
        return results;
    }

    /// <summary>The lecture's table with measured accuracies: the best strategy per cell, then every strategy.</summary>
    public static string ToMarkdown(IReadOnlyList<TransferResult> results)
    {
        var lines = new List<string> { "| | similar dataset (digits 5–9) | different dataset (Fashion-MNIST) |", "|---|---|---|" };
        foreach (int perClass in results.Select(r => r.LabelsPerClass).Distinct())
        {
            string Cell(string target) => string.Join("<br>", results
                .Where(r => r.Target == target && r.LabelsPerClass == perClass)
                .OrderByDescending(r => r.Mean)
                .Select((r, i) => (i == 0 ? "**" : "") + $"{r.Strategy} {Format(r)}" + (i == 0 ? "**" : "")));
            lines.Add($"| {perClass} labels per class | {Cell("similar")} | {Cell("different")} |");
        }
        return string.Join("\n", lines);
    }

    private static string Format(TransferResult r) => $"{100 * r.Mean:F1} ± {100 * r.StandardDeviation:F1} %";

    private sealed record Pretrained(Dictionary<string, Tensor> State, double Accuracy);

    private static Pretrained Pretrain(TransferSettings settings, CancellationToken cancellationToken)
    {
        using var all = Mnist.Load(Split.Train, settings.PretrainImages * 2);
        using var source = Classes04(all, settings.PretrainImages);
        using var allTest = Mnist.Load(Split.Test, settings.TestImages * 2);
        using var test = Classes04(allTest, settings.TestImages);
        Seeds.Set(100);
        using var model = new GapClassifier(Classes);
        var trainer = new Trainer(model, optim.Adam(model.parameters(), HeadRate), (o, t) => nn.functional.cross_entropy(o, t));
        trainer.Fit(new BatchLoader(source, 64, Shuffle: true, Seed: 100), epochs: settings.PretrainEpochs, cancellationToken: cancellationToken);
        double accuracy = trainer.Evaluate(new BatchLoader(test, 500)).Accuracy;
        var state = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        return new Pretrained(state, accuracy);
    }

    // The two targets, 5 classes each, labelled 0-4: digits 5-9 (similar) and Fashion-MNIST classes 0-4 (different).
    private static IEnumerable<(string Name, InMemoryDataset Train, InMemoryDataset Test)> Targets(TransferSettings settings)
    {
        int pool = settings.MuchPerClass * Classes * 3;
        using (var train = Mnist.Load(Split.Train, pool))
        using (var test = Mnist.Load(Split.Test, settings.TestImages * 2))
            yield return ("similar", Classes59(train, pool), Classes59(test, settings.TestImages));
        using (var train = FashionMnist.Load(Split.Train, pool))
        using (var test = FashionMnist.Load(Split.Test, settings.TestImages * 2))
            yield return ("different", Classes04(train, pool), Classes04(test, settings.TestImages));
    }

    private static InMemoryDataset Classes04(InMemoryDataset data, int limit) => Select(data, label => label < Classes, 0, limit);

    private static InMemoryDataset Classes59(InMemoryDataset data, int limit) => Select(data, label => label >= Classes, Classes, limit);

    private static InMemoryDataset Select(InMemoryDataset data, Func<long, bool> keep, long shift, int limit)
    {
        var labels = data.Targets.data<long>().ToArray();
        var chosen = Enumerable.Range(0, labels.Length).Where(i => keep(labels[i])).Take(limit).Select(i => (long)i).ToArray();
        using var subset = data.Subset(chosen);
        return new InMemoryDataset(subset.Inputs.clone(), subset.Targets - shift);
    }

    /// <summary>Adapts a fresh copy of the pretrained network with <paramref name="strategy"/>; returns its test accuracy.</summary>
    private static double Adapt(IReadOnlyDictionary<string, Tensor> pretrained, TransferStrategy strategy, InMemoryDataset pool,
        InMemoryDataset test, int perClass, int seed, int steps, CancellationToken cancellationToken)
    {
        using var train = PerClass(pool, perClass, seed);
        Seeds.Set(seed);
        using var model = new GapClassifier(Classes);
        if (strategy != TransferStrategy.FromScratch)
            StateDicts.LoadMatching(model, pretrained.Where(kv => !kv.Key.StartsWith("classifier")).ToDictionary());
        using var optimizer = Optimizer(model, strategy);
        var trainer = new Trainer(model, optimizer, (o, t) => nn.functional.cross_entropy(o, t));
        int batch = Math.Min(64, train.Count);
        int epochs = Math.Max(1, (int)Math.Ceiling(steps / Math.Ceiling(train.Count / (double)batch)));
        trainer.Fit(new BatchLoader(train, batch, Shuffle: true, Seed: seed), epochs: epochs, cancellationToken: cancellationToken);
        return trainer.Evaluate(new BatchLoader(test, 500)).Accuracy;
    }

    // Freezing decides what learns; the pretrained layers that learn get a 10x smaller rate than the new head.
    private static optim.Optimizer Optimizer(GapClassifier model, TransferStrategy strategy)
    {
        switch (strategy)
        {
            case TransferStrategy.LinearClassifier:
                Freezing.Freeze(model, "features.");
                return Freezing.AdamWithLayerRates(model, ("classifier", HeadRate));
            case TransferStrategy.FineTuneTop:
                Freezing.Freeze(model, "features.0.", "features.1.", "features.4.", "features.5.");
                return Freezing.AdamWithLayerRates(model, ("features.", HeadRate / 10), ("classifier", HeadRate));
            case TransferStrategy.FineTuneAll:
                return Freezing.AdamWithLayerRates(model, ("features.", HeadRate / 10), ("classifier", HeadRate));
            default:
                return optim.Adam(model.parameters(), HeadRate);
        }
    }

    private static InMemoryDataset PerClass(InMemoryDataset pool, int perClass, int seed)
    {
        var labels = pool.Targets.data<long>().ToArray();
        var random = new Random(seed);
        var chosen = Enumerable.Range(0, Classes)
            .SelectMany(c => Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).OrderBy(_ => random.Next()).Take(perClass))
            .Select(i => (long)i).ToArray();
        return pool.Subset(chosen);
    }
}
