using CourseKit.Data;
using CourseKit.Generative;
using CourseKit.Generative.Autoregressive;
using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Generative;

public class AutoregressiveTests
{
    [Fact]
    public void Masks_A_and_B_differ_only_at_the_centre()
    {
        var a = MaskedConv2d.Mask(MaskType.A, 3).data<float>().ToArray();
        var b = MaskedConv2d.Mask(MaskType.B, 3).data<float>().ToArray();
        Assert.Equal(new float[] { 1, 1, 1, 1, 0, 0, 0, 0, 0 }, a);
        Assert.Equal(new float[] { 1, 1, 1, 1, 1, 0, 0, 0, 0 }, b);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_pixel_never_depends_on_itself_or_later_pixels(bool gated)
    {
        // the autoregressive property, checked by back-propagating a one-hot output gradient through a whole network
        manual_seed(10);
        var model = NewModel(gated, channels: 8, layers: 3);
        foreach (var (row, col) in new[] { (0, 0), (5, 4), (9, 9), (3, 8) })
        {
            using var field = ReceptiveField.Of(model, 1, 10, 10, row, col);
            var values = field.data<float>().ToArray();
            for (int r = 0; r < 10; r++)
                for (int c = 0; c < 10; c++)
                    if (r > row || (r == row && c >= col))
                        Assert.True(values[r * 10 + c] == 0, $"output ({row},{col}) sees input ({r},{c})");
            if (row > 0) Assert.True(values[(row - 1) * 10 + col] > 0, "the pixel just above must be visible");
            if (col > 0) Assert.True(values[row * 10 + col - 1] > 0, "the pixel just left must be visible");
        }
    }

    [Fact]
    public void Gated_masks_hide_the_centre_only_in_the_first_layer()
    {
        Assert.Equal(new float[] { 1, 1, 1, 0, 0, 0, 0, 0, 0 }, GatedMaskedLayer.VerticalMask(3, first: true).data<float>().ToArray());
        Assert.Equal(new float[] { 1, 1, 1, 1, 1, 1, 0, 0, 0 }, GatedMaskedLayer.VerticalMask(3, first: false).data<float>().ToArray());
        Assert.Equal(new float[] { 1, 0, 0 }, GatedMaskedLayer.HorizontalMask(3, first: true).data<float>().ToArray());
        Assert.Equal(new float[] { 1, 1, 0 }, GatedMaskedLayer.HorizontalMask(3, first: false).data<float>().ToArray());
        Assert.Equal([1L, 3L], GatedMaskedLayer.HorizontalMask(3, first: false).shape);
    }

    [Fact]
    public void The_gated_pixelcnn_sees_the_whole_past_window_with_no_blind_spot()
    {
        // a 7×7 first layer and two 3×3 layers: output (8,6) sees rows 3–7 across columns 1–11 (6 ± 5) and (8, 1–5) —
        // exactly those, including (6,9), two up and three right, which the plain stack cannot see
        manual_seed(14);
        var model = new GatedPixelCnn(channels: 8, layers: 2);
        using var field = ReceptiveField.Of(model, 1, 12, 12, 8, 6);
        var values = field.data<float>().ToArray();
        for (int r = 0; r < 12; r++)
            for (int c = 0; c < 12; c++)
            {
                bool expected = (r is >= 3 and <= 7 && c is >= 1 and <= 11) || (r == 8 && c is >= 1 and <= 5);
                Assert.True(values[r * 12 + c] > 0 == expected, $"input ({r},{c}): gradient {values[r * 12 + c]}, expected {(expected ? "visible" : "unseen")}");
            }
    }

    [Fact]
    public void Stacked_masked_convolutions_have_a_blind_spot()
    {
        // first layer A 3×3 then B 3×3 twice: output (6,3) cannot see (5,5) (up and two to the right) although it is an
        // earlier pixel within reach of a 7×7 window: the blind spot that gated PixelCNN removes
        manual_seed(11);
        var stack = nn.Sequential(new MaskedConv2d(MaskType.A, 1, 4, 3), new MaskedConv2d(MaskType.B, 4, 4, 3), new MaskedConv2d(MaskType.B, 4, 1, 3));
        using var field = ReceptiveField.Of(stack, 1, 10, 10, 6, 3);
        Assert.Equal(0f, field[4, 6].item<float>());   // blind: two up, three right
        Assert.True(field[4, 5].item<float>() > 0);    // visible: two up, two right
        Assert.True(field[6, 0].item<float>() > 0);    // visible: same row, three left
    }

    [Fact]
    public void Likelihood_is_the_sum_of_pixel_cross_entropies_in_nats_and_bits()
    {
        manual_seed(12);
        var model = new PixelCnn(channels: 8, layers: 1);
        var images = Binarize.Fixed(rand(4, 1, 6, 6), seed: 1);
        using var logits = model.forward(images);
        var p = logits.sigmoid().data<float>().ToArray();
        var x = images.data<float>().ToArray();
        double nats = 0;
        for (int i = 0; i < x.Length; i++) nats -= x[i] == 1 ? Math.Log(p[i]) : Math.Log(1 - p[i]);
        var likelihood = Likelihood.Of(model, images);
        Assert.Equal(nats / 4, likelihood.Nats, 3);
        Assert.Equal(nats / 4 / (36 * Math.Log(2)), likelihood.BitsPerDimension, 5);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Training_lowers_the_likelihood_below_the_uniform_model_and_sampling_is_binary(bool gated)
    {
        // images that are all-left-half ones: an easy distribution; the uniform model costs 36·ln 2 = 24.95 nats
        manual_seed(13);
        var images = zeros(64, 1, 6, 6);
        images[.., .., .., ..3] = 1;
        var model = NewModel(gated, channels: 8, layers: 1);
        using var optimizer = optim.Adam(model.parameters(), 1e-2);
        var trainer = new Trainer(model, optimizer, (logits, x) => AutoregressiveImageModel.NegativeLogLikelihood(logits, x).mean())
        {
            Scheduler = optim.lr_scheduler.CosineAnnealingLR(optimizer, 20),   // the cosine schedule halves the mean rate
        };
        using var data = new InMemoryDataset(images.alias(), images.alias());
        var history = trainer.Fit(new BatchLoader(data, 16, Shuffle: true), new BatchLoader(data, 500), epochs: 20);
        // the validation loss is the mean −log p(x) of the images in nats
        var nats = history.Epochs.Select(e => e.ValidationLoss!.Value).ToArray();
        Assert.All(nats, n => Assert.True(double.IsFinite(n), $"NaN or infinite likelihood in {string.Join(", ", nats)}"));
        Assert.True(nats[^1] < 5, $"{nats[^1]:F2} nats");
        Assert.Equal(Likelihood.Of(model, images).Nats, nats[^1], 4);
        using var samples = model.Sample(4, 6, 6);
        Assert.All(samples.data<float>().ToArray(), v => Assert.True(v == 0 || v == 1));
        Assert.True(samples.mean().item<float>() is > 0.35f and < 0.65f);
    }

    private static AutoregressiveImageModel NewModel(bool gated, int channels, int layers) =>
        gated ? new GatedPixelCnn(channels, layers) : new PixelCnn(channels, layers);
}
