using CourseKit.Visualization;
using static TorchSharp.torch;

namespace CourseKit.Generative.Autoregressive;

/// <summary>The pictures of notebook 09.</summary>
public static class PixelCnnPictures
{
    /// <summary>
    /// Where output (row, col) looks: 1 = visible input pixel, 0 = not seen, and the output pixel itself marked 0.5,
    /// from <see cref="ReceptiveField.Of"/> (back-propagation of a one-hot output gradient).
    /// </summary>
    public static RichOutput ReceptiveFieldMap(nn.Module<Tensor, Tensor> model, int size, int row, int col, string title)
    {
        using var field = ReceptiveField.Of(model, 1, size, size, row, col);
        var values = field.data<float>().ToArray();
        var map = new double[size, size];
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++)
                map[size - 1 - r, c] = r == row && c == col ? 0.5 : values[r * size + c] > 0 ? 1 : 0;   // row 0 drawn at the top
        return Charts.Heatmap(title, map);
    }

    /// <summary>Shows <see cref="ReceptiveFieldMap"/>(…) in the notebook.</summary>
    public static void ShowReceptiveField(nn.Module<Tensor, Tensor> model, int size, int row, int col, string title) =>
        Output.Display(ReceptiveFieldMap(model, size, row, col, title));
}
