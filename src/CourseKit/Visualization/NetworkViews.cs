using CourseKit.Data;
using CourseKit.Models;
using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Visualization;

/// <summary>
/// Looking inside a trained network: its learned filters, the feature maps a layer makes for one image (lower
/// layers: edges and blobs; higher layers: coarser, more abstract responses), and the examples it gets wrong.
/// Each returns a picture (<see cref="Pictures.Images"/>).
/// </summary>
public static class NetworkViews
{
    /// <summary>
    /// A convolution's filters as small images, each rescaled to its own [min, max]: Cout×Cin×K×K weights show one
    /// picture per filter (grey for one input channel, colour for three; otherwise the mean over input channels).
    /// </summary>
    public static RichOutput Filters(Tensor convolutionWeight, int columns = 8, int scale = 8)
    {
        if (convolutionWeight.dim() != 4)
            throw new ArgumentException($"Filters expects convolution weights Cout×Cin×K×K, got [{string.Join(",", convolutionWeight.shape)}].");
        using var scope = NewDisposeScope();
        var w = convolutionWeight.detach().cpu().to_type(float32);
        if (w.shape[1] is not (1 or 3)) w = w.mean([1], keepdim: true);
        var labels = Enumerable.Range(0, (int)w.shape[0]).Select(i => $"filter {i}").ToList();
        return Pictures.Images(w, labels, columns, scale, normalize: true);
    }

    /// <summary>
    /// The feature maps a stage of <paramref name="model"/> produces for one image (C×H×W or 1×C×H×W), one picture per
    /// channel (at most <paramref name="maxMaps"/>), each rescaled to its own [min, max].
    /// </summary>
    public static RichOutput FeatureMaps(StagedModel model, Tensor image, string stage, int maxMaps = 16, int columns = 8, int scale = 4)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var mode = EvaluationMode.Of(model);
        var input = image.dim() == 3 ? image.unsqueeze(0) : image;
        var maps = model.ForwardUntil(input, stage);
        if (maps.dim() != 4)
            throw new ArgumentException($"Stage \"{stage}\" outputs shape [{string.Join(",", maps.shape)}], not feature maps; pick a convolution or pooling stage.");
        int count = (int)Math.Min(maxMaps, maps.shape[1]);
        var pictures = maps[0, ..count].unsqueeze(1);   // count×1×H×W
        var labels = Enumerable.Range(0, count).Select(i => $"{stage}[{i}]").ToList();
        return Pictures.Images(pictures, labels, columns, scale, normalize: true);
    }

    /// <summary>
    /// The first <paramref name="count"/> examples of <paramref name="data"/> that <paramref name="model"/> classifies
    /// wrongly, labelled "true → predicted" with class names.
    /// </summary>
    public static RichOutput Misclassified(nn.Module<Tensor, Tensor> model, ImageDataset data, int count = 16, int columns = 8, int scale = 2)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var mode = EvaluationMode.Of(model);
        var predictions = new List<Tensor>();
        for (long start = 0; start < data.Count; start += 500)
            predictions.Add(model.forward(data.Inputs.narrow(0, start, Math.Min(500, data.Count - start))).argmax(1));
        var predicted = cat(predictions, 0);
        var wrong = predicted.ne(data.Targets).nonzero().view(-1);
        if (wrong.shape[0] == 0) return RichOutput.Html("<p>No misclassified examples.</p>", "No misclassified examples.");
        var chosen = wrong.narrow(0, 0, Math.Min(count, wrong.shape[0]));
        long[] truth = data.Targets.index_select(0, chosen).data<long>().ToArray();
        long[] guess = predicted.index_select(0, chosen).data<long>().ToArray();
        var labels = truth.Zip(guess, (t, p) => $"{data.ClassNames[(int)t]} → {data.ClassNames[(int)p]}").ToList();
        return Pictures.Images(data.Inputs.index_select(0, chosen), labels, columns, scale);
    }
}
