using CourseKit.Layers;
using TorchSharp;
using static CourseKit.Tests.Layers.LayerCheck;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Tests.Layers;

/// <summary>Every from-scratch layer: forward equals TorchSharp's built-in, backward equals finite differences and autograd.</summary>
public class LayerTests
{
    public LayerTests() => manual_seed(1);

    [Fact]
    public void Linear_forward_and_backward()
    {
        using var scope = NewDisposeScope();
        var x = Randn(4, 5); var w = Randn(3, 5); var b = Randn(3); var dy = Randn(4, 3);
        var (y, cache) = LinearLayer.Forward(x, w, b);
        var g = LinearLayer.Backward(dy, cache);
        Close(F.linear(x, w, b), y, "forward");
        Close(Numerical(v => LinearLayer.Forward(v, w, b).Output, x, dy), g.Input, "dx numeric");
        Close(Numerical(v => LinearLayer.Forward(x, v, b).Output, w, dy), g.Weight!, "dW numeric");
        Close(Numerical(v => LinearLayer.Forward(x, w, v).Output, b, dy), g.Bias!, "db numeric");
        var auto = Autograd(t => F.linear(t[0], t[1], t[2]), dy, x, w, b);
        Close(auto[0], g.Input, "dx autograd"); Close(auto[1], g.Weight!, "dW autograd"); Close(auto[2], g.Bias!, "db autograd");
    }

    public static TheoryData<int, int, int, int> ConvCases => new()
    {
        // stride, padding, dilation, groups
        { 1, 0, 1, 1 }, { 2, 1, 1, 1 }, { 1, 2, 2, 1 }, { 2, 1, 1, 2 },
    };

    [Theory, MemberData(nameof(ConvCases))]
    public void Conv2d_unfold_version_forward_and_backward(int stride, int padding, int dilation, int groups)
    {
        using var scope = NewDisposeScope();
        var o = new Conv2dOptions(stride, padding, dilation, groups);
        var x = Randn(2, 4, 7, 6); var w = Randn(6, 4 / groups, 3, 3); var b = Randn(6);
        var expected = F.conv2d(x, w, b, [stride, stride], [padding, padding], [dilation, dilation], groups);
        var (y, cache) = Conv2dLayer.Forward(x, w, b, o);
        Close(expected, y, "forward");
        var dy = Randn(expected.shape);
        var g = Conv2dLayer.Backward(dy, cache);
        Close(Numerical(v => Conv2dLayer.Forward(v, w, b, o).Output, x, dy), g.Input, "dx numeric");
        Close(Numerical(v => Conv2dLayer.Forward(x, v, b, o).Output, w, dy), g.Weight!, "dW numeric");
        var auto = Autograd(t => F.conv2d(t[0], t[1], t[2], [stride, stride], [padding, padding], [dilation, dilation], groups), dy, x, w, b);
        Close(auto[0], g.Input, "dx autograd"); Close(auto[1], g.Weight!, "dW autograd"); Close(auto[2], g.Bias!, "db autograd");
    }

    [Theory, MemberData(nameof(ConvCases))]
    public void Im2Col_builds_the_same_columns_as_unfold(int stride, int padding, int dilation, int groups)
    {
        using var scope = NewDisposeScope();
        var o = new Conv2dOptions(stride, padding, dilation, groups);
        var batch = Randn(3, 4, 9, 8);
        // a contiguous slice that starts inside its storage, and a transposed (non-contiguous) view
        foreach (var x in new[] { batch, batch.narrow(0, 1, 2), batch.transpose(2, 3) })
        {
            var expected = F.unfold(x, (3, 2), dilation: (dilation, dilation), padding: (padding, padding), stride: (stride, stride));
            var columns = Conv2dLayer.Im2Col(x, 3, 2, o);
            Assert.Equal(expected.shape, columns.shape);
            Assert.True(expected.eq(columns).all().item<bool>(), $"im2col differs from unfold for input [{string.Join(",", x.shape)}] and {o}");
        }
    }

    [Fact]
    public void Im2Col_refuses_an_image_without_a_batch_dimension_and_says_how_to_add_one()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => Conv2dLayer.Im2Col(Randn(4, 9, 8), 3, 3, new Conv2dOptions()));
        Assert.Contains("N×C×H×W, but got [4, 9, 8]", error.Message);
        Assert.Contains("unsqueeze(0)", error.Message);
    }

    [Theory, MemberData(nameof(ConvCases))]
    public void Conv2d_loop_version_matches_the_built_in(int stride, int padding, int dilation, int groups)
    {
        using var scope = NewDisposeScope();
        var o = new Conv2dOptions(stride, padding, dilation, groups);
        var x = Randn(2, 4, 6, 5); var w = Randn(4, 4 / groups, 3, 3); var b = Randn(4);
        var expected = F.conv2d(x, w, b, [stride, stride], [padding, padding], [dilation, dilation], groups);
        var (y, cache) = ConvLoops.Forward(x, w, b, o);
        Close(expected, y, "forward");
        var dy = Randn(expected.shape);
        var g = ConvLoops.Backward(dy, cache);
        var auto = Autograd(t => F.conv2d(t[0], t[1], t[2], [stride, stride], [padding, padding], [dilation, dilation], groups), dy, x, w, b);
        Close(auto[0], g.Input, "dx autograd"); Close(auto[1], g.Weight!, "dW autograd"); Close(auto[2], g.Bias!, "db autograd");
        Close(Numerical(v => ConvLoops.Forward(v, w, b, o).Output, x, dy), g.Input, "dx numeric");
    }

    [Fact]
    public void Conv2d_reproduces_the_decks_worked_example_and_output_size_formula()
    {
        using var scope = NewDisposeScope();
        var image = tensor(new double[] { 3, 3, 2, 1, 0, 0, 0, 1, 3, 1, 3, 1, 2, 2, 3, 2, 0, 0, 2, 2, 2, 0, 0, 0, 1 }).view(1, 1, 5, 5);
        var kernel = tensor(new double[] { 0, 1, 2, 2, 2, 0, 0, 1, 2 }).view(1, 1, 3, 3);
        double[] expected = [12, 12, 17, 10, 17, 19, 9, 6, 14];
        Assert.Equal(expected, Conv2dLayer.Forward(image, kernel, null).Output.reshape(-1).data<double>().ToArray());
        Assert.Equal(expected, ConvLoops.Forward(image, kernel, null).Output.reshape(-1).data<double>().ToArray());
        Assert.Equal(3, new Conv2dOptions().OutputSize(5, 3));                       // 5 − (3 − 1)
        Assert.Equal(16, new Conv2dOptions(Stride: 2, Padding: 1).OutputSize(32, 3));
        Assert.Equal(28, new Conv2dOptions(Padding: 2, Dilation: 2).OutputSize(28, 3));
    }

    [Theory]
    [InlineData(1, 0, 0, 1, 1)]
    [InlineData(2, 1, 1, 1, 1)]
    [InlineData(2, 0, 0, 1, 2)]
    [InlineData(1, 1, 0, 2, 1)]
    public void ConvTranspose2d_forward_and_backward(int stride, int padding, int outputPadding, int dilation, int groups)
    {
        using var scope = NewDisposeScope();
        var o = new Conv2dOptions(stride, padding, dilation, groups);
        var x = Randn(2, 4, 4, 3); var w = Randn(4, 6 / groups, 3, 3); var b = Randn(6);
        var expected = F.conv_transpose2d(x, w, b, [stride, stride], [padding, padding], [outputPadding, outputPadding], [dilation, dilation], groups);
        var (y, cache) = ConvTranspose2dLayer.Forward(x, w, b, o, outputPadding);
        Close(expected, y, "forward");
        Assert.Equal(expected.shape[2], ConvTranspose2dLayer.OutputSize(4, 3, o, outputPadding));
        var dy = Randn(expected.shape);
        var g = ConvTranspose2dLayer.Backward(dy, cache);
        Close(Numerical(v => ConvTranspose2dLayer.Forward(v, w, b, o, outputPadding).Output, x, dy), g.Input, "dx numeric");
        Close(Numerical(v => ConvTranspose2dLayer.Forward(x, v, b, o, outputPadding).Output, w, dy), g.Weight!, "dW numeric");
        var auto = Autograd(t => F.conv_transpose2d(t[0], t[1], t[2], [stride, stride], [padding, padding], [outputPadding, outputPadding], [dilation, dilation], groups), dy, x, w, b);
        Close(auto[0], g.Input, "dx autograd"); Close(auto[1], g.Weight!, "dW autograd"); Close(auto[2], g.Bias!, "db autograd");
    }

    [Theory]
    [InlineData(2, 2, 0)]
    [InlineData(2, 1, 0)]
    [InlineData(3, 2, 1)]
    public void MaxPool2d_switches_forward_and_backward(int kernel, int stride, int padding)
    {
        using var scope = NewDisposeScope();
        var x = Randn(2, 3, 6, 5);
        var (expected, expectedIndices) = F.max_pool2d_with_indices(x, [kernel, kernel], [stride, stride], [padding, padding], [1, 1], false);
        var (y, indices, cache) = MaxPool2dLayer.Forward(x, kernel, stride, padding);
        Close(expected, y, "forward");
        Assert.Equal(expectedIndices.reshape(-1).data<long>().ToArray(), indices.reshape(-1).data<long>().ToArray());
        var dy = Randn(expected.shape);
        var g = MaxPool2dLayer.Backward(dy, cache);
        Close(Numerical(v => MaxPool2dLayer.Forward(v, kernel, stride, padding).Output, x, dy), g.Input, "dx numeric");
        var auto = Autograd(t => F.max_pool2d(t[0], [kernel, kernel], [stride, stride], [padding, padding]), dy, x);
        Close(auto[0], g.Input, "dx autograd");
    }

    [Fact]
    public void MaxUnpool2d_puts_values_back_at_the_switches()
    {
        using var scope = NewDisposeScope();
        var x = Randn(2, 3, 6, 4);
        var (pooled, indices, _) = MaxPool2dLayer.Forward(x, 2);
        var expected = F.max_unpool2d(pooled, indices, [2, 2], [2, 2], [0, 0], null);
        var (y, cache) = MaxUnpool2dLayer.Forward(pooled, indices, 6, 4);
        Close(expected, y, "forward");
        var dy = Randn(2, 3, 6, 4);
        var g = MaxUnpool2dLayer.Backward(dy, cache);
        Close(Numerical(v => MaxUnpool2dLayer.Forward(v, indices, 6, 4).Output, pooled, dy), g.Input, "dx numeric");
        var auto = Autograd(t => F.max_unpool2d(t[0], indices, [2, 2], [2, 2], [0, 0], null), dy, pooled);
        Close(auto[0], g.Input, "dx autograd");
    }

    [Theory]
    [InlineData(2, 2, 0)]
    [InlineData(3, 1, 1)]
    public void AvgPool2d_forward_and_backward(int kernel, int stride, int padding)
    {
        using var scope = NewDisposeScope();
        var x = Randn(2, 3, 6, 5);
        var expected = F.avg_pool2d(x, [kernel, kernel], [stride, stride], [padding, padding]);
        var (y, cache) = AvgPool2dLayer.Forward(x, kernel, stride, padding);
        Close(expected, y, "forward");
        var dy = Randn(expected.shape);
        var g = AvgPool2dLayer.Backward(dy, cache);
        Close(Numerical(v => AvgPool2dLayer.Forward(v, kernel, stride, padding).Output, x, dy), g.Input, "dx numeric");
        Close(Autograd(t => F.avg_pool2d(t[0], [kernel, kernel], [stride, stride], [padding, padding]), dy, x)[0], g.Input, "dx autograd");
    }

    [Fact]
    public void Pooling_reproduces_the_decks_worked_examples()
    {
        using var scope = NewDisposeScope();
        var map = tensor(new double[] { 1, 1, 2, 4, 5, 6, 7, 8, 3, 2, 1, 0, 1, 2, 3, 4 }).view(1, 1, 4, 4);
        double[] Flat(Tensor t) => t.reshape(-1).data<double>().ToArray();
        Assert.Equal([6, 7, 8, 6, 7, 8, 3, 3, 4], Flat(MaxPool2dLayer.Forward(map, 2, stride: 1).Output));
        Assert.Equal([6, 8, 3, 4], Flat(MaxPool2dLayer.Forward(map, 2, stride: 2).Output));
        Assert.Equal([3.25, 5.25, 2, 2], Flat(AvgPool2dLayer.Forward(map, 2, stride: 2).Output));
        // the switches of the stride-2 max: 6 at (1,1), 8 at (1,3), 3 at (2,0), 4 at (3,3)
        Assert.Equal([5L, 7, 8, 15], MaxPool2dLayer.Forward(map, 2).Indices.reshape(-1).data<long>().ToArray());
    }

    [Fact]
    public void Global_average_pooling_forward_and_backward()
    {
        using var scope = NewDisposeScope();
        var x = Randn(2, 3, 4, 5); var dy = Randn(2, 3);
        var (y, cache) = GlobalAvgPool2d.Forward(x);
        Close(F.adaptive_avg_pool2d(x, [1, 1]).view(2, 3), y, "forward");
        var g = GlobalAvgPool2d.Backward(dy, cache);
        Close(Numerical(v => GlobalAvgPool2d.Forward(v).Output, x, dy), g.Input, "dx numeric");
        Close(Autograd(t => t[0].mean([2, 3]), dy, x)[0], g.Input, "dx autograd");
    }

    public static TheoryData<string> Activations => new() { "relu", "leaky", "sigmoid", "tanh", "softmax", "flatten" };

    [Theory, MemberData(nameof(Activations))]
    public void Activations_forward_and_backward(string name)
    {
        using var scope = NewDisposeScope();
        var x = Randn(3, 4, 2); if (name == "softmax") x = Randn(4, 6);
        (Func<Tensor, Tensor> mine, Func<Tensor, Tensor, Tensor> backward, Func<Tensor, Tensor> builtin) = name switch
        {
            "relu" => ((Func<Tensor, Tensor>)(v => ReLULayer.Forward(v).Output), (Func<Tensor, Tensor, Tensor>)((dy, v) => ReLULayer.Backward(dy, ReLULayer.Forward(v).Cache).Input), (Func<Tensor, Tensor>)(v => F.relu(v))),
            "leaky" => (v => LeakyReLULayer.Forward(v, 0.2).Output, (dy, v) => LeakyReLULayer.Backward(dy, LeakyReLULayer.Forward(v, 0.2).Cache, 0.2).Input, v => F.leaky_relu(v, 0.2)),
            "sigmoid" => (v => SigmoidLayer.Forward(v).Output, (dy, v) => SigmoidLayer.Backward(dy, SigmoidLayer.Forward(v).Cache).Input, v => F.sigmoid(v)),
            "tanh" => (v => TanhLayer.Forward(v).Output, (dy, v) => TanhLayer.Backward(dy, TanhLayer.Forward(v).Cache).Input, v => F.tanh(v)),
            "softmax" => (v => SoftmaxLayer.Forward(v).Output, (dy, v) => SoftmaxLayer.Backward(dy, SoftmaxLayer.Forward(v).Cache).Input, v => F.softmax(v, -1)),
            _ => (v => FlattenLayer.Forward(v).Output, (dy, v) => FlattenLayer.Backward(dy, FlattenLayer.Forward(v).Cache).Input, v => v.flatten(1)),
        };
        var expected = builtin(x);
        Close(expected, mine(x), "forward");
        var dy = Randn(expected.shape);
        var dx = backward(dy, x);
        Close(Numerical(mine, x, dy), dx, "dx numeric");
        Close(Autograd(t => builtin(t[0]), dy, x)[0], dx, "dx autograd");
    }

    [Fact]
    public void Softmax_and_cross_entropy_are_stable_for_huge_logits()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new double[] { 1000, 1001, 1002, -1000, 0, 1000 }).view(2, 3);
        var p = SoftmaxLayer.Forward(logits).Output;
        Assert.False(p.isnan().any().item<bool>());
        Close(F.softmax(logits, -1), p, "softmax");
        var targets = tensor(new long[] { 2, 0 });
        var (loss, _) = CrossEntropy.Forward(logits, targets);
        Assert.Equal(F.cross_entropy(logits, targets).item<double>(), loss.item<double>(), 9);
        Assert.True(double.IsFinite(loss.item<double>()));
    }

    [Fact]
    public void Cross_entropy_forward_and_backward()
    {
        using var scope = NewDisposeScope();
        var z = Randn(5, 4); var t = tensor(new long[] { 0, 3, 1, 1, 2 });
        var (loss, cache) = CrossEntropy.Forward(z, t);
        Close(F.cross_entropy(z, t), loss, "forward");
        var dz = CrossEntropy.Backward(cache).Input;
        var one = tensor(1.0, dtype: float64);
        Close(Numerical(v => CrossEntropy.Forward(v, t).Loss, z, one), dz, "dz numeric");
        Close(Autograd(a => F.cross_entropy(a[0], t), one, z)[0], dz, "dz autograd");
    }

    [Fact]
    public void Mse_bce_and_bce_with_logits_forward_and_backward()
    {
        using var scope = NewDisposeScope();
        var one = tensor(1.0, dtype: float64);
        var prediction = Randn(3, 4); var target = Randn(3, 4);
        var (mse, mseCache) = MseLoss.Forward(prediction, target);
        Close(F.mse_loss(prediction, target), mse, "mse");
        var dMse = MseLoss.Backward(mseCache).Input;
        Close(Numerical(v => MseLoss.Forward(v, target).Loss, prediction, one), dMse, "mse numeric");
        Close(Autograd(a => F.mse_loss(a[0], target), one, prediction)[0], dMse, "mse autograd");

        var probabilities = rand(3, 4, dtype: float64) * 0.9 + 0.05; var labels = rand(3, 4, dtype: float64).round();
        var (bce, bceCache) = BceLoss.Forward(probabilities, labels);
        Close(F.binary_cross_entropy(probabilities, labels), bce, "bce");
        var dBce = BceLoss.Backward(bceCache).Input;
        Close(Numerical(v => BceLoss.Forward(v, labels).Loss, probabilities, one), dBce, "bce numeric");
        Close(Autograd(a => F.binary_cross_entropy(a[0], labels), one, probabilities)[0], dBce, "bce autograd");

        var logits = Randn(3, 4) * 3;
        var (bcel, bcelCache) = BceWithLogitsLoss.Forward(logits, labels);
        Close(F.binary_cross_entropy_with_logits(logits, labels), bcel, "bce logits");
        var dBcel = BceWithLogitsLoss.Backward(bcelCache).Input;
        Close(Numerical(v => BceWithLogitsLoss.Forward(v, labels).Loss, logits, one), dBcel, "bce logits numeric");
        Close(Autograd(a => F.binary_cross_entropy_with_logits(a[0], labels), one, logits)[0], dBcel, "bce logits autograd");
    }

    [Fact]
    public void BatchNorm2d_training_updates_running_stats_like_the_built_in()
    {
        using var scope = NewDisposeScope();
        var x = Randn(4, 3, 3, 2) * 2 + 1; var dy = Randn(4, 3, 3, 2);
        var bn = new BatchNorm2dLayer(3, dtype: ScalarType.Float64) { Gamma = Randn(3), Beta = Randn(3) };
        var runningMean = zeros(3, dtype: float64); var runningVar = ones(3, dtype: float64);
        var expected = F.batch_norm(x, runningMean, runningVar, bn.Gamma, bn.Beta, training: true, momentum: 0.1, eps: 1e-5);
        var (y, cache) = bn.Forward(x, training: true);
        Close(expected, y, "forward");
        Close(runningMean, bn.RunningMean, "running mean");
        Close(runningVar, bn.RunningVar, "running var");

        var g = bn.Backward(dy, cache);
        var probe = new BatchNorm2dLayer(3, dtype: ScalarType.Float64) { Gamma = bn.Gamma, Beta = bn.Beta };
        Close(Numerical(v => probe.Forward(v, true).Output, x, dy), g.Input, "dx numeric");
        Close(Numerical(v => { probe.Gamma = v; return probe.Forward(x, true).Output; }, bn.Gamma, dy), g.Weight!, "dγ numeric");
        var auto = Autograd(t => F.batch_norm(t[0], null, null, t[1], t[2], training: true, eps: 1e-5), dy, x, bn.Gamma, bn.Beta);
        Close(auto[0], g.Input, "dx autograd"); Close(auto[1], g.Weight!, "dγ autograd"); Close(auto[2], g.Bias!, "dβ autograd");
    }

    [Fact]
    public void BatchNorm2d_evaluation_uses_the_running_stats()
    {
        using var scope = NewDisposeScope();
        var bn = new BatchNorm2dLayer(3, dtype: ScalarType.Float64) { Gamma = Randn(3), Beta = Randn(3) };
        for (int i = 0; i < 3; i++) bn.Forward(Randn(4, 3, 2, 2) + i, training: true);
        var x = Randn(2, 3, 2, 2); var dy = Randn(2, 3, 2, 2);
        var expected = F.batch_norm(x, bn.RunningMean, bn.RunningVar, bn.Gamma, bn.Beta, training: false, eps: 1e-5);
        var (y, cache) = bn.Forward(x, training: false);
        Close(expected, y, "forward");
        var g = bn.Backward(dy, cache);
        Close(Numerical(v => bn.Forward(v, false).Output, x, dy), g.Input, "dx numeric");
        var auto = Autograd(t => F.batch_norm(t[0], bn.RunningMean, bn.RunningVar, t[1], t[2], training: false, eps: 1e-5), dy, x, bn.Gamma, bn.Beta);
        Close(auto[0], g.Input, "dx autograd"); Close(auto[1], g.Weight!, "dγ autograd"); Close(auto[2], g.Bias!, "dβ autograd");
    }

    [Fact]
    public void Dropout_is_seeded_inverted_and_the_identity_in_evaluation()
    {
        using var scope = NewDisposeScope();
        var x = Randn(50, 40); var dy = Randn(50, 40);
        var (y, cache) = DropoutLayer.Forward(x, 0.3, training: true, seed: 7);
        Close(y, DropoutLayer.Forward(x, 0.3, training: true, seed: 7).Output, "same seed, same mask");
        var kept = (cache.ScaledMask > 0).to_type(float64).mean().item<double>();
        Assert.InRange(kept, 0.65, 0.75);                                            // keep probability 0.7
        Assert.Equal(1 / 0.7, cache.ScaledMask.max().item<double>(), 12);           // kept values scaled by 1/(1 − p)
        // The built-in has the same support: every element is 0 or x/(1 − p).
        var builtin = F.dropout(x, 0.3, training: true);
        Assert.True((builtin.eq(0) | (builtin - x / 0.7).abs().lt(1e-12)).all().item<bool>());
        var g = DropoutLayer.Backward(dy, cache);
        Close(Numerical(v => DropoutLayer.Forward(v, 0.3, true, seed: 7).Output, x, dy), g.Input, "dx numeric");
        Close(Autograd(t => t[0] * cache.ScaledMask, dy, x)[0], g.Input, "dx autograd");
        Close(x, DropoutLayer.Forward(x, 0.3, training: false).Output, "evaluation");
    }
}
