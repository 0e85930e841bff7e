using System.Globalization;
using System.Net;
using System.Text;
using CourseKit.Training;
using CourseKit.Visualization;
using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Models;

/// <summary>
/// Keras-style summary of a model: each stage's output shape and parameter count, found by running one input of
/// the given shape through it (in evaluation mode, without gradients). Shown as text (<see cref="ToString"/>)
/// or as an HTML table (<see cref="ToRichOutput"/>).
/// </summary>
/// <param name="ModelName">The model's name.</param>
/// <param name="InputShape">The input shape used, batch dimension first.</param>
/// <param name="Layers">One row per stage (one row for the whole model if it is not a <see cref="StagedModel"/>).</param>
/// <param name="TotalParameters">All parameters.</param>
/// <param name="TrainableParameters">Parameters with requires_grad.</param>
public sealed record ModelSummary(string ModelName, long[] InputShape, IReadOnlyList<LayerSummary> Layers, long TotalParameters, long TrainableParameters)
{
    /// <summary>Summarises <paramref name="model"/> for inputs of <paramref name="inputShape"/> (e.g. 1, 1, 28, 28).</summary>
    public static ModelSummary Of(nn.Module<Tensor, Tensor> model, params long[] inputShape)
    {
        if (inputShape.Length == 0) throw new ArgumentException("Give the input shape, batch dimension first, e.g. ModelSummary.Of(model, 1, 1, 28, 28).");
        using var mode = EvaluationMode.Of(model);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = zeros(inputShape);
        var rows = new List<LayerSummary>();
        if (model is StagedModel staged)
        {
            foreach (var (name, stage) in staged.Stages)
            {
                x = stage.forward(x);
                rows.Add(new LayerSummary(name, stage.GetType().Name, x.shape, Count(stage)));
            }
        }
        else
        {
            rows.Add(new LayerSummary(model.GetName(), model.GetType().Name, model.forward(x).shape, Count(model)));
        }
        long trainable = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        return new ModelSummary(model.GetName(), inputShape, rows, Count(model), trainable);
    }

    /// <summary>Shows the summary of <paramref name="model"/> on an input of <paramref name="inputShape"/> as an HTML table in the notebook.</summary>
    public static void Show(nn.Module<Tensor, Tensor> model, params long[] inputShape) => Output.Display(Of(model, inputShape).ToRichOutput());

    /// <summary>The summary as an HTML table with the text table as fallback.</summary>
    public RichOutput ToRichOutput()
    {
        var html = new StringBuilder();
        html.Append("<table><caption>").Append(WebUtility.HtmlEncode($"{ModelName}, input {ShapeText.OfSizes(InputShape)}")).Append("</caption>");
        html.Append("<thead><tr><th>stage</th><th>type</th><th>output shape</th><th>parameters</th></tr></thead><tbody>");
        foreach (var row in Layers)
            html.Append("<tr><td>").Append(WebUtility.HtmlEncode(row.Name)).Append("</td><td>").Append(WebUtility.HtmlEncode(row.Type))
                .Append("</td><td>").Append(ShapeText.OfSizes(row.OutputShape)).Append("</td><td style=\"text-align:right\">")
                .Append(Number(row.Parameters)).Append("</td></tr>");
        html.Append("</tbody><tfoot><tr><td colspan=\"3\">total (trainable)</td><td style=\"text-align:right\">")
            .Append(Number(TotalParameters)).Append(" (").Append(Number(TrainableParameters)).Append(")</td></tr></tfoot></table>");
        return RichOutput.Html(html.ToString(), ToString());
    }

    /// <summary>The summary as a text table.</summary>
    public override string ToString()
    {
        int nameWidth = Math.Max(5, Layers.Max(l => l.Name.Length));
        int typeWidth = Math.Max(4, Layers.Max(l => l.Type.Length));
        int shapeWidth = Math.Max(12, Layers.Max(l => ShapeText.OfSizes(l.OutputShape).Length));
        var text = new StringBuilder();
        text.AppendLine($"{ModelName}, input {ShapeText.OfSizes(InputShape)}");
        text.AppendLine($"{"stage".PadRight(nameWidth)}  {"type".PadRight(typeWidth)}  {"output shape".PadRight(shapeWidth)}  {"parameters",12}");
        foreach (var row in Layers)
            text.AppendLine($"{row.Name.PadRight(nameWidth)}  {row.Type.PadRight(typeWidth)}  {ShapeText.OfSizes(row.OutputShape).PadRight(shapeWidth)}  {Number(row.Parameters),12}");
        text.Append($"total parameters: {Number(TotalParameters)} (trainable {Number(TrainableParameters)})");
        return text.ToString();
    }

    private static long Count(nn.Module module) => module.parameters().Sum(p => p.numel());


    private static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
