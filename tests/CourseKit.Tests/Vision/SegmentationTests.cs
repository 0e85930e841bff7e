using CourseKit.Segmentation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Tests.Vision;

public class SegmentationTests
{
    [Fact]
    public void Pixel_cross_entropy_equals_torch_cross_entropy_and_a_hand_value()
    {
        // Seeded, and compared within a tolerance: "equal to 5 decimal places" rounds both numbers first, so two float32
        // results 1.2e-7 apart (1.78622496 and 1.78622508, summed in another order) can round to different digits.
        using var generator = new Generator(21);
        using var logits = randn(new long[] { 2, 4, 5, 6 }, generator: generator);
        using var targets = randint(0, 4, new long[] { 2, 5, 6 }, generator: generator);
        using var ours = SegmentationLoss.PixelCrossEntropy(logits, targets);
        using var reference = F.cross_entropy(logits, targets);
        Assert.Equal(reference.item<float>(), ours.item<float>(), tolerance: 1e-5);
        // Uniform scores over K classes: −log(1/K) per pixel.
        using var flat = zeros(1, 4, 2, 2);
        using var any = zeros(new long[] { 1, 2, 2 }, dtype: ScalarType.Int64);
        Assert.Equal(Math.Log(4), SegmentationLoss.PixelCrossEntropy(flat, any).item<float>(), tolerance: 1e-6);
    }

    [Fact]
    public void Mean_iou_on_a_hand_made_map()
    {
        // truth: left half class 0, right half class 1 (2×4); prediction wrong at one class-1 pixel.
        using var truth = tensor(new long[] { 0, 0, 1, 1, 0, 0, 1, 1 }).reshape(1, 2, 4);
        using var predicted = tensor(new long[] { 0, 0, 0, 1, 0, 0, 1, 1 }).reshape(1, 2, 4);
        var confusion = SegmentationMetrics.ConfusionMatrix(predicted, truth, 3);
        Assert.Equal(new long[,] { { 4, 0, 0 }, { 1, 3, 0 }, { 0, 0, 0 } }, confusion);
        var (mean, perClass) = SegmentationMetrics.MeanIou(confusion);
        Assert.Equal(4.0 / 5.0, perClass[0], 9); // TP 4, FP 1
        Assert.Equal(3.0 / 4.0, perClass[1], 9); // TP 3, FN 1
        Assert.True(double.IsNaN(perClass[2]));
        Assert.Equal((0.8 + 0.75) / 2, mean, 9);
        var scores = SegmentationMetrics.Score(predicted, truth, 3);
        Assert.Equal(7.0 / 8.0, scores.PixelAccuracy, 9);
        // Every pixel in a 2×4 map with a vertical edge in the middle is within 1 pixel of it except columns 0 and 3.
        using var band = SegmentationMetrics.BoundaryBand(truth);
        Assert.Equal(new[] { false, true, true, false, false, true, true, false }, band.flatten().data<bool>().ToArray());
        Assert.Equal(3.0 / 4.0, scores.BoundaryAccuracy, 9);
    }

    [Fact]
    public void Receptive_field_formula_on_the_textbook_stack()
    {
        // conv3, conv3, pool2, conv3: 1 → 3 → 5 → 6 → 10.
        var steps = ReceptiveField.Of(new[]
        {
            new LayerGeometry("conv1", 3), new LayerGeometry("conv2", 3), new LayerGeometry("pool", 2, 2), new LayerGeometry("conv3", 3),
        });
        Assert.Equal(new[] { 3, 5, 6, 10 }, steps.Select(s => s.Size));
        Assert.Equal(new[] { 1, 1, 2, 2 }, steps.Select(s => s.Jump));
        // Dilations 1, 2, 4 of 3×3 kernels: 3, 7, 15 (Yu and Koltun's exponential growth).
        var dilated = ReceptiveField.Of(new[] { new LayerGeometry("a", 3), new LayerGeometry("b", 3, 1, 2), new LayerGeometry("c", 3, 1, 4) });
        Assert.Equal(new[] { 3, 7, 15 }, dilated.Select(s => s.Size));
    }

    public static TheoryData<string> Stacks => new() { "plain", "pooled", "dilated", "strided" };

    private static Sequential Stack(string name) => name switch
    {
        "plain" => Sequential(Conv2d(1, 2, 3), ReLU(), Conv2d(2, 2, 5), ReLU(), Conv2d(2, 1, 3)),
        "pooled" => Sequential(Conv2d(1, 2, 3), ReLU(), MaxPool2d(2), Conv2d(2, 2, 3), ReLU(), MaxPool2d(2), Conv2d(2, 1, 3)),
        "dilated" => Sequential(Conv2d(1, 2, 3), ReLU(), Conv2d(2, 2, 3, dilation: 2), ReLU(), Conv2d(2, 1, 3, dilation: 4)),
        _ => Sequential(Conv2d(1, 2, 3, stride: 2), ReLU(), Conv2d(2, 2, 3, stride: 2), ReLU(), Conv2d(2, 1, 3)),
    };

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Receptive_field_formula_matches_the_gradient_of_a_centre_unit(string name)
    {
        using var network = Stack(name);
        ReceptiveField.FillPositive(network);
        int formula = ReceptiveField.Of(ReceptiveField.LayersOf(network))[^1].Size;
        int empirical = ReceptiveField.Empirical(network, 64);
        Assert.Equal(formula, empirical);
    }

    [Fact]
    public void Networks_keep_the_image_size_and_upsampling_doubles()
    {
        using var x = rand(2, 1, 32, 32);
        foreach (var (name, make) in SegmentationExperiment.Networks)
        {
            using var net = make(4);
            using var y = net.forward(x);
            Assert.Equal(new long[] { 2, 4, 32, 32 }, y.shape);
        }
        using var up = SegmentationBlocks.Up(3, 5, Upsampling.TransposedConvolution);
        using var z = up.forward(rand(1, 3, 7, 9));
        Assert.Equal(new long[] { 1, 5, 14, 18 }, z.shape);
    }

    [Fact]
    public void Transposed_convolution_equals_zero_stuffing_then_convolving_with_the_flipped_kernel()
    {
        // The deck: transposed convolution with stride 2 = insert zeros between inputs, pad by k−1−p and
        // correlate with the kernel flipped horizontally and vertically (in/out channels swapped).
        using var x = randn(1, 2, 4, 4);
        using var w = randn(2, 3, 3, 3); // in 2, out 3 (ConvTranspose weight layout)
        using var transposed = F.conv_transpose2d(x, w, strides: new long[] { 2, 2 }, padding: new long[] { 1, 1 });
        using var stuffed = zeros(1, 2, 7, 7);
        stuffed[.., .., TensorIndex.Slice(0, null, 2), TensorIndex.Slice(0, null, 2)] = x;
        using var flipped = w.flip(2, 3).transpose(0, 1);
        using var reference = F.conv2d(stuffed, flipped, padding: new long[] { 1, 1 });
        Assert.Equal(reference.shape, transposed.shape);
        Assert.True(transposed.allclose(reference, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Shape_masks_are_seeded_and_match_their_images()
    {
        using var a = ShapeMasks.Generate(10, seed: 2);
        using var b = ShapeMasks.Generate(10, seed: 2);
        Assert.True(VisionAssert.Same(a.Inputs, b.Inputs) && VisionAssert.Same(a.Targets, b.Targets));
        // Shape pixels are brighter than background pixels on average.
        using var fg = a.Inputs.squeeze(1).masked_select(a.Targets > 0).mean();
        using var bg = a.Inputs.squeeze(1).masked_select(a.Targets == 0).mean();
        Assert.True(fg.item<float>() > bg.item<float>() + 0.3f);
        Assert.Equal(new long[] { 10, 32, 32 }, a.Targets.shape);
        Assert.InRange(a.Targets.max().item<long>(), 1, 3);
    }

    [Fact]
    public void A_few_unet_steps_lower_the_loss()
    {
        using var data = ShapeMasks.Generate(64, seed: 3);
        using var net = new UNet(4);
        var losses = SegmentationExperiment.Train(net, data, epochs: 3, seed: 0).TrainLosses;
        Assert.True(losses[^1] < losses[0], string.Join(" → ", losses));
    }

    [Fact]
    public void Predict_gives_the_arg_max_map_in_slices_and_leaves_the_mode_as_it_was()
    {
        // 70 images: a slice of 64, then one of 6.
        manual_seed(5);
        using var data = ShapeMasks.Generate(70, seed: 4);
        using var net = new UNet(4);
        net.train();

        using var predicted = SegmentationExperiment.Predict(net, data.Inputs);

        Assert.True(net.training);
        net.eval();
        using (no_grad())
        {
            using var expected = cat([net.forward(data.Inputs[..64]).argmax(1), net.forward(data.Inputs[64..]).argmax(1)], 0);
            Assert.Equal(new long[] { 70, 32, 32 }, predicted.shape);
            Assert.True(predicted.eq(expected).all().item<bool>());
        }
    }

    [Fact]
    public void Colorize_paints_each_class_in_its_palette_colour_and_refuses_other_labels()
    {
        using var scope = NewDisposeScope();
        var labels = tensor(new long[] { 0, 1, 2, 3, 3, 0 }, [1, 2, 3]);
        var rgb = MaskPictures.Colorize(labels);
        Assert.Equal(new long[] { 1, 3, 2, 3 }, rgb.shape);
        for (int i = 0; i < 6; i++)
        {
            long label = labels[0, i / 3, i % 3].item<long>();
            var pixel = rgb[0, .., i / 3, i % 3].data<float>().ToArray();
            Assert.Equal(MaskPictures.Palette[(int)label], pixel);
        }
        var error = Assert.Throws<ArgumentException>(() => MaskPictures.Colorize(tensor(new long[] { -1, 7 }, [1, 1, 2])));
        Assert.Contains("class indices 0–3, but they range from -1 to 7", error.Message);
    }
}
