using CourseKit.Data;
using CourseKit.Sequences;
using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Sequences;

public class LstmTests
{
    [Fact]
    public void Gates_written_out_match_torch_nn_LSTM()
    {
        manual_seed(5);
        using var reference = nn.LSTM(3, 5, batchFirst: true);
        var cell = new LstmCell(3, 5);
        cell.LoadFrom(reference);
        var x = randn(4, 7, 3);
        var (expected, hn, cn) = reference.forward(x);

        var h = zeros(4, 5);
        var c = zeros(4, 5);
        var outputs = new List<Tensor>();
        for (int t = 0; t < 7; t++)
        {
            (h, c) = cell.forward(x.select(1, t), (h, c));
            outputs.Add(h);
        }
        var actual = stack(outputs, 1);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-6), $"max difference {(actual - expected).abs().max().item<float>()}");
        Assert.True(c.allclose(cn[0], rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void A_forget_gate_of_one_and_input_gate_of_zero_keep_the_cell()
    {
        // b_f = +30, b_i = −30: f ≈ 1, i ≈ 0, so c_t = c_{t−1} whatever the input
        var cell = new LstmCell(2, 3);
        using (no_grad())
            foreach (var (name, p) in cell.named_parameters())
            {
                if (name.StartsWith("inputToForget.bias")) p.fill_(30);
                else if (name.StartsWith("inputToInput.bias")) p.fill_(-30);
            }
        var c0 = tensor(new float[] { 0.3f, -0.7f, 1.2f }).reshape(1, 3);
        var (_, c1) = cell.forward(randn(1, 2), (zeros(1, 3), c0));
        Assert.True(c1.allclose(c0, atol: 1e-6));
    }
}

public class GradientFlowTests
{
    private static void Set(nn.Module module, string name, Tensor value)
    {
        using var noGrad = no_grad();
        module.named_parameters().Single(p => p.name == name).parameter.copy_(value);
    }

    [Fact]
    public void Rnn_gradient_shrinks_like_the_decks_product_of_jacobians()
    {
        // near-linear regime (tiny inputs, b = 0): ∂h_T/∂x_{T−ℓ} ≈ V^ℓ U, so with V = 0.5·I the norm halves per step of lag
        var model = new RecurrentClassifier(RecurrentKind.Rnn, 1, 4, 2);
        Set(model, "rnn.inputToHidden.weight", ones(4, 1));
        Set(model, "rnn.inputToHidden.bias", zeros(4));
        Set(model, "rnn.hiddenToHidden.weight", 0.5 * eye(4));
        var norms = GradientFlow.NormByLag(model, 1e-4 * randn(8, 12, 1));
        Assert.Equal(12, norms.Length);
        for (int lag = 1; lag < 12; lag++)
            Assert.Equal(0.5, norms[lag] / norms[lag - 1], 3);
    }

    [Fact]
    public void Lstm_with_an_open_forget_gate_keeps_the_gradient()
    {
        var rnn = new RecurrentClassifier(RecurrentKind.Rnn, 1, 8, 2);
        var lstm = new RecurrentClassifier(RecurrentKind.Lstm, 1, 8, 2);
        Set(lstm, "lstm.inputToForget.bias", full(8, 5f));   // the usual "forget bias" trick: f ≈ 0.99
        manual_seed(6);
        var x = randn(16, 40, 1);
        var rnnNorms = GradientFlow.NormByLag(rnn, x);
        var lstmNorms = GradientFlow.NormByLag(lstm, x);
        double rnnKept = rnnNorms[39] / rnnNorms[0], lstmKept = lstmNorms[39] / lstmNorms[0];
        Assert.True(lstmKept > 100 * rnnKept, $"LSTM kept {lstmKept:E2} of the gradient over 39 steps, the RNN {rnnKept:E2}");
    }
}

public class SequenceTaskTests
{
    [Fact]
    public void Motif_labels_say_whether_the_motif_occurs()
    {
        using var data = SequenceTasks.Motif(300, 16, seed: 1);
        var values = data.Inputs.data<float>().ToArray();
        var labels = data.Targets.data<long>().ToArray();
        for (int n = 0; n < 300; n++)
            Assert.Equal(labels[n] == 1, SequenceTasks.ContainsMotif(values.AsSpan(n * 16, 16)));
        Assert.InRange(labels.Average(), 0.4, 0.6);
    }

    [Fact]
    public void First_symbol_is_the_label_and_the_rest_is_noise()
    {
        using var data = SequenceTasks.FirstSymbol(100, 10, seed: 2);
        var first = data.Inputs.select(1, 0).reshape(-1).data<float>().ToArray();
        var labels = data.Targets.data<long>().ToArray();
        Assert.Equal(labels.Select(l => l == 1 ? 1f : -1f), first);
    }

    [Fact]
    public void A_1d_convolution_finds_the_motif()
    {
        manual_seed(7);
        using var train = SequenceTasks.Motif(1000, 20, seed: 3);
        using var test = SequenceTasks.Motif(500, 20, seed: 4);
        var model = new Conv1dClassifier(1, 16, 2);
        var history = NewTrainer(model, 1e-2).Fit(new BatchLoader(train, 64, Shuffle: true), new BatchLoader(test, 500), epochs: 8);
        Assert.Equal(5, model.ReceptiveField);
        double accuracy = history.Epochs[^1].ValidationAccuracy!.Value;
        Assert.True(accuracy > 0.95, $"test accuracy {accuracy:P1}");
    }

    [Fact]
    public void Sequence_training_does_not_leak_tensors()
    {
        using var train = SequenceTasks.FirstSymbol(128, 6, seed: 5);
        var model = new RecurrentClassifier(RecurrentKind.Lstm, 1, 4, 2);
        var trainer = NewTrainer(model, 3e-3);
        trainer.Fit(new BatchLoader(train, 64, Shuffle: true), new BatchLoader(train, 64), epochs: 1);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        trainer.Fit(new BatchLoader(train, 64, Shuffle: true), new BatchLoader(train, 64), epochs: 2);
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    /// <summary>How notebook 10 trains its sequence classifiers: Adam, cross-entropy, gradients clipped to norm 1.</summary>
    private static Trainer NewTrainer(nn.Module<Tensor, Tensor> model, double learningRate) =>
        new(model, optim.Adam(model.parameters(), learningRate), (output, target) => nn.functional.cross_entropy(output, target)) { ClipGradNorm = 1.0 };
}
