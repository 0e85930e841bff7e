using CourseKit.Models;
using CourseKit.Transfer;
using CourseKit.Visualization;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Tests.Vision;

public class TransferAndVisualisationTests
{
    [Fact]
    public void Frozen_parameters_get_no_gradient_and_do_not_move()
    {
        manual_seed(0);
        using var net = new GapClassifier(5, width: 8);
        // three convolutions and three batch norms, each with a weight and a bias
        Assert.Equal(12, Freezing.Freeze(net, "features."));
        Assert.Equal(32 * 5 + 5, Freezing.TrainableCount(net));
        using var before = Conv(net, 0).weight!.clone();
        using var headBefore = net.ClassifierWeights.clone();
        using var optimizer = optim.Adam(net.parameters().Where(p => p.requires_grad), 0.01);
        using var x = rand(4, 1, 12, 12);
        using var loss = F.cross_entropy(net.forward(x), tensor(new long[] { 0, 1, 2, 3 }));
        loss.backward();
        optimizer.step();
        Assert.Null(Conv(net, 0).weight!.grad);
        Assert.True(VisionAssert.Same(before, Conv(net, 0).weight!));
        Assert.False(VisionAssert.Same(headBefore, net.ClassifierWeights));
        Freezing.SetTrainable(net, true);
        Assert.Equal(net.parameters().Sum(p => p.numel()), Freezing.TrainableCount(net));
    }

    [Fact]
    public void Layer_rates_make_one_parameter_group_per_prefix()
    {
        using var net = new GapClassifier(3, width: 8);
        using var optimizer = Freezing.AdamWithLayerRates(net, ("features.", 1e-4), ("classifier.", 1e-2));
        var groups = optimizer.ParamGroups.ToList();
        Assert.Equal(new[] { 1e-4, 1e-2 }, groups.Select(g => g.LearningRate));
        Assert.Equal(12, ((TorchSharp.Modules.ParamGroup)groups[0]).Parameters.Count());
        Assert.Equal(2, ((TorchSharp.Modules.ParamGroup)groups[1]).Parameters.Count());
        var e = Assert.Throws<ArgumentException>(() => Freezing.AdamWithLayerRates(net, ("nothing.", 1)));
        Assert.Contains("no trainable parameter", e.Message);
    }

    [Fact]
    public void Partial_load_copies_matching_entries_and_reports_the_new_head()
    {
        manual_seed(1);
        using var source = new GapClassifier(5, width: 8);
        string path = Path.Combine(Path.GetTempPath(), $"coursekit-partial-{Guid.NewGuid():N}.bin");
        try
        {
            StateDicts.Save(source, path);
            manual_seed(2);
            using var target = new GapClassifier(10, width: 8);
            var report = StateDicts.LoadMatching(target, path);
            // the features: 12 parameters, plus 3 buffers per batch norm (running mean, running variance, batch count)
            Assert.Equal(12 + 9, report.Loaded.Count);
            Assert.Equal(2, report.SkippedShape.Count);
            Assert.Contains(report.SkippedShape, s => s.StartsWith("classifier.weight: file [5, 32] vs model [10, 32]"));
            Assert.Empty(report.SkippedMissing);
            Assert.True(VisionAssert.Same(Conv(source, 2).weight!, Conv(target, 2).weight!));
            Assert.False(VisionAssert.Same(source.ClassifierBias[..5], target.ClassifierBias[..5]));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Cam_averaged_over_positions_plus_bias_is_the_class_score()
    {
        manual_seed(3);
        using var net = new GapClassifier(4, width: 8);
        net.eval();
        using var x = rand(3, 1, 16, 16);
        using var scores = net.forward(x);
        for (int c = 0; c < 4; c++)
        {
            using var cam = ClassActivationMap.Compute(net, x, c);
            using var fromCam = cam.mean(new long[] { 1, 2 }) + net.ClassifierBias[c];
            Assert.True(fromCam.allclose(scores[.., c], rtol: 1e-4, atol: 1e-5));
        }
        using var up = ClassActivationMap.Upsampled(net, x, 1);
        Assert.Equal(new long[] { 3, 16, 16 }, up.shape);
        Assert.Equal(1f, up.amax(new long[] { 1, 2 })[0].item<float>(), 4);
        using var overlay = ClassActivationMap.Overlay(x, up);
        Assert.Equal(new long[] { 3, 3, 16, 16 }, overlay.shape);
    }

    [Fact]
    public void Deconvnet_of_a_first_layer_neuron_is_its_flipped_kernel_at_that_place()
    {
        manual_seed(4);
        using var net = new GapClassifier(2, width: 8);
        using var x = rand(1, 1, 10, 10);
        using var recon = Deconvnet.Reconstruct(net, x, stage: 0, channel: 3);
        Assert.Equal(x.shape, recon.shape);
        // One activation a at (r, c) sent back through conv_transpose: a · w placed around (r, c), i.e. the
        // correlation kernel's footprint — non-zero in at most a 3×3 window.
        using var nonzero = (recon[0, 0].abs() > 0).nonzero();
        Assert.InRange(nonzero.shape[0], 1, 9);
        long rows = nonzero[.., 0].max().item<long>() - nonzero[.., 0].min().item<long>();
        Assert.True(rows <= 2);
        // Higher stage: reconstruction stays inside the neuron's receptive field (3 + 1 + 2·2 + 2 + 4·2 = 18 wide at stage 2).
        using var deep = Deconvnet.Reconstruct(net, rand(1, 1, 24, 24), stage: 2, channel: 0);
        using var deepNonzero = (deep[0, 0].abs() > 0).nonzero();
        if (deepNonzero.shape[0] > 0)
            Assert.True(deepNonzero[.., 1].max().item<long>() - deepNonzero[.., 1].min().item<long>() + 1 <= 18);
    }

    private static TorchSharp.Modules.Conv2d Conv(GapClassifier net, int index) =>
        net.FeatureLayers.children().OfType<TorchSharp.Modules.Conv2d>().ElementAt(index);
}
