using CourseKit.Grading.Compilation;
using CourseKit.Data;
using CourseKit.Grading.Assignments;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Assignments.A1;

/// <summary>
/// Assignment 1 (lectures 01–04): convolution with padding and stride, pooling, box and Sobel filters, a conv layer's
/// backward pass, and a small CNN trained on Fashion-MNIST. Every expected value is computed here, in the grading
/// parent, another way (TorchSharp's own ops, autograd); visible checks use the inputs the notebook's self-checks use,
/// hidden checks use other shapes, strides and seeds.
/// </summary>
public sealed class A1Assignment : AssignmentDefinition
{
    /// <summary>Test accuracy the trained CNN must reach on <see cref="TestImages"/> Fashion-MNIST test images.</summary>
    public const double RequiredAccuracy = 0.75;

    /// <summary>Training images the student's TrainClassifier receives (the first of the training split).</summary>
    public const int TrainImages = 3000;

    /// <summary>Test images the trained model is judged on (the first of the test split).</summary>
    public const int TestImages = 1000;

    /// <inheritdoc />
    public override string Id => "A1";

    /// <inheritdoc />
    public override string Title => "Assignment 1: filters, layers and a CNN";

    /// <inheritdoc />
    public override string FolderName => "A1-filters-layers-cnn";

    /// <inheritdoc />
    public override IReadOnlyList<Question> Questions { get; } =
    [
        // q1, q2 and q4 ask for an op to be implemented: their answers may use tensor primitives only (no convolution,
        // pooling, unfolding or autograd, and no other op computing them); q3 and q5 use the library freely. No answer
        // may use the kit's own layers, reflection, dynamic code or native interop (AnswerRules).
        new("q1", "2-D convolution with padding and stride", ["conv2d", "Conv2d", "conv_transpose2d", "unfold", "Unfold", "fold"], AnswerRules.Primitives),
        new("q2", "max and average pooling", ["max_pool2d", "avg_pool2d", "MaxPool2d", "AvgPool2d", "adaptive_avg_pool2d", "adaptive_max_pool2d", "unfold", "Unfold"], AnswerRules.Primitives),
        new("q3", "box and Sobel filters"),
        new("q4", "a conv layer's backward pass", ["backward", "grad", "conv2d", "Conv2d", "conv_transpose2d"], AnswerRules.Primitives),
        new("q5", "train a CNN on Fashion-MNIST"),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<Check> Checks { get; } = BuildChecks();

    private static List<Check> BuildChecks() =>
    [
        // Inputs of q1, q2 and q4 are float64, so a correct answer agrees to ~1e-12 and the tolerance can be tight.
        // q1: Conv2d(x N×C×H×W, w F×C×kh×kw, b F, stride, padding) → N×F×H'×W'
        ConvCheck("q1.basic", "stride 1, no padding", 2, Visibility.Visible, seed: 1, n: 2, c: 3, h: 7, w: 7, f: 4, k: 3, stride: 1, padding: 0),
        ConvCheck("q1.padding-stride", "stride 2, padding 1", 2, Visibility.Visible, seed: 2, n: 2, c: 3, h: 8, w: 8, f: 4, k: 3, stride: 2, padding: 1),
        ConvCheck("q1.hidden", "other shapes: non-square input, 5×5 kernel, stride 3, padding 2", 2, Visibility.Hidden, seed: 101, n: 3, c: 2, h: 11, w: 9, f: 5, k: 5, stride: 3, padding: 2),
        // q2: MaxPool2d(x, size, stride), AvgPool2d(x, size, stride)
        PoolCheck("q2.max", "max pooling 2×2, stride 2", "MaxPool2d", 1.5, Visibility.Visible, seed: 3, shape: [2, 3, 8, 8], size: 2, stride: 2),
        PoolCheck("q2.avg", "average pooling 2×2, stride 2", "AvgPool2d", 1.5, Visibility.Visible, seed: 3, shape: [2, 3, 8, 8], size: 2, stride: 2),
        PoolCheck("q2.max-hidden", "max pooling 3×3, stride 2, odd sizes", "MaxPool2d", 1, Visibility.Hidden, seed: 102, shape: [1, 2, 9, 7], size: 3, stride: 2),
        PoolCheck("q2.avg-hidden", "average pooling 3×3, stride 1", "AvgPool2d", 1, Visibility.Hidden, seed: 103, shape: [2, 1, 6, 7], size: 3, stride: 1),
        // q3: BoxFilter(image H×W, size) and Sobel(image H×W), zero padding, output H×W
        FilterCheck("q3.box", "3×3 box filter", "BoxFilter", 1.5, Visibility.Visible, seed: 4, height: 12, width: 12, size: 3),
        FilterCheck("q3.sobel", "Sobel gradient magnitude", "Sobel", 1.5, Visibility.Visible, seed: 4, height: 12, width: 12, size: 3),
        FilterCheck("q3.box-hidden", "5×5 box filter on a non-square image", "BoxFilter", 1, Visibility.Hidden, seed: 104, height: 9, width: 14, size: 5),
        FilterCheck("q3.sobel-hidden", "Sobel on a non-square image", "Sobel", 1, Visibility.Hidden, seed: 105, height: 10, width: 7, size: 3),
        // q4: Conv2dBackward(dout, x, w, b, stride, padding) → (dx, dw, db), checked against autograd (partial credit per gradient)
        BackwardCheck("q4.dx", "dL/dx, stride 1, padding 1", 0, 2, Visibility.Visible, seed: 5, stride: 1, padding: 1, h: 6),
        BackwardCheck("q4.dw", "dL/dw, stride 1, padding 1", 1, 2, Visibility.Visible, seed: 5, stride: 1, padding: 1, h: 6),
        BackwardCheck("q4.db", "dL/db, stride 1, padding 1", 2, 1, Visibility.Visible, seed: 5, stride: 1, padding: 1, h: 6),
        BackwardCheck("q4.dx-hidden", "dL/dx, stride 2, padding 0, odd size", 0, 1, Visibility.Hidden, seed: 106, stride: 2, padding: 0, h: 7),
        BackwardCheck("q4.dw-hidden", "dL/dw, stride 2, padding 0, odd size", 1, 1, Visibility.Hidden, seed: 106, stride: 2, padding: 0, h: 7),
        // q5: TrainClassifier(images N×1×28×28, labels N) → a model; judged on test images it never saw
        new Check
        {
            Id = "q5.accuracy", Question = "q5", Points = 5, Seed = 7, Visibility = Visibility.Visible,
            Title = $"the trained CNN reaches {RequiredAccuracy:P0} accuracy on {TestImages} Fashion-MNIST test images",
            TimeLimit = TimeSpan.FromSeconds(120),
            Arrange = () =>
            {
                // The kit's loader finds the files (data/, $COURSEKIT_DATA, Debian's package, the user cache), checks them
                // against the manifest and keeps them for the process; the tensors belong to the check's dispose scope.
                var train = FashionMnist.Load(Split.Train, TrainImages);
                var test = FashionMnist.Load(Split.Test, TestImages);
                return new CheckInput("TrainClassifier", [train.Inputs, train.Targets], ApplyTo: test.Inputs);
            },
            Judge = (_, value) => Judge.AccuracyAtLeast(value, FashionMnist.Load(Split.Test, TestImages).Targets, RequiredAccuracy),
        },
    ];

    private static Check ConvCheck(string id, string title, double points, Visibility visibility, int seed,
        int n, int c, int h, int w, int f, int k, int stride, int padding) => new()
    {
        Id = id, Question = "q1", Title = title, Points = points, Visibility = visibility, Seed = seed,
        Arrange = () => new CheckInput("Conv2d", [randn(n, c, h, w, dtype: ScalarType.Float64), randn(f, c, k, k, dtype: ScalarType.Float64), randn(f, dtype: ScalarType.Float64), stride, padding]),
        Judge = (input, value) =>
        {
            var a = input.Arguments;
            return Judge.Close(value, F.conv2d((Tensor)a[0]!, (Tensor)a[1]!, (Tensor)a[2]!, strides: [stride, stride], padding: [padding, padding]), 1e-7);
        },
    };

    private static Check PoolCheck(string id, string title, string method, double points, Visibility visibility, int seed,
        long[] shape, int size, int stride) => new()
    {
        Id = id, Question = "q2", Title = title, Points = points, Visibility = visibility, Seed = seed,
        Arrange = () => new CheckInput(method, [randn(shape, dtype: ScalarType.Float64), size, stride]),
        Judge = (input, value) =>
        {
            var x = (Tensor)input.Arguments[0]!;
            var expected = method == "MaxPool2d"
                ? F.max_pool2d(x, [size, size], [stride, stride])
                : F.avg_pool2d(x, [size, size], [stride, stride]);
            return Judge.Close(value, expected, 1e-7);
        },
    };

    private static Check FilterCheck(string id, string title, string method, double points, Visibility visibility, int seed,
        int height, int width, int size) => new()
    {
        Id = id, Question = "q3", Title = title, Points = points, Visibility = visibility, Seed = seed,
        Arrange = () => new CheckInput(method, method == "Sobel" ? [rand(height, width)] : [rand(height, width), size]),
        Judge = (input, value) =>
        {
            var image = ((Tensor)input.Arguments[0]!).reshape(1, 1, height, width);
            Tensor expected;
            if (method == "BoxFilter")
            {
                // Box filter: the mean of the size×size neighbourhood, zero padding keeps H×W.
                expected = F.conv2d(image, ones(1, 1, size, size) / (size * size), padding: [size / 2, size / 2]);
            }
            else
            {
                // Sobel (lecture 02): Gx = [[-1,0,1],[-2,0,2],[-1,0,1]] (cross-correlation), Gy its transpose; |∇| = sqrt(Gx² + Gy²).
                var gx = tensor(new float[] { -1, 0, 1, -2, 0, 2, -1, 0, 1 }).reshape(1, 1, 3, 3);
                var gy = gx.transpose(2, 3);
                var ex = F.conv2d(image, gx, padding: [1, 1]);
                var ey = F.conv2d(image, gy, padding: [1, 1]);
                expected = (ex * ex + ey * ey).sqrt();
            }
            return Judge.Close(value, expected.reshape(height, width), 1e-5);
        },
    };

    private static Check BackwardCheck(string id, string title, int part, double points, Visibility visibility, int seed,
        int stride, int padding, int h) => new()
    {
        Id = id, Question = "q4", Title = title, Points = points, Visibility = visibility, Seed = seed,
        Arrange = () =>
        {
            // float64 so the student's gradient can be compared tightly (and gradient-checked numerically in the notebook).
            var x = randn(2, 3, h, h, dtype: ScalarType.Float64);
            var w = randn(4, 3, 3, 3, dtype: ScalarType.Float64);
            var b = randn(4, dtype: ScalarType.Float64);
            long outSize = (h + 2 * padding - 3) / stride + 1;
            var dout = randn(2, 4, outSize, outSize, dtype: ScalarType.Float64);
            return new CheckInput("Conv2dBackward", [dout, x, w, b, stride, padding]);
        },
        Judge = (input, value) =>
        {
            var a = input.Arguments;
            var dout = (Tensor)a[0]!;
            // Reference gradients by autograd: L = sum(conv(x, w, b) * dout) has dL/dy = dout.
            var x = ((Tensor)a[1]!).detach().requires_grad_(true);
            var w = ((Tensor)a[2]!).detach().requires_grad_(true);
            var b = ((Tensor)a[3]!).detach().requires_grad_(true);
            var y = F.conv2d(x, w, b, strides: [stride, stride], padding: [padding, padding]);
            (y * dout).sum().backward();
            var expected = new[] { x.grad!, w.grad!, b.grad! }[part];
            return Judge.ElementClose(value, part, new[] { "dx", "dw", "db" }[part], expected, 1e-7);
        },
    };
}
