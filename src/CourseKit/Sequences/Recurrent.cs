using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Sequences;

/// <summary>Which recurrent cell a <see cref="RecurrentClassifier"/> unrolls.</summary>
public enum RecurrentKind
{
    /// <summary>The vanilla RNN, h_t = tanh(U x_t + V h_{t−1} + b).</summary>
    Rnn,

    /// <summary>The LSTM with forget, input and output gates.</summary>
    Lstm,
}

/// <summary>
/// A recurrent network unrolled over time (back-propagation through time happens by itself: the same weights are used
/// at every step), reading N×T×F sequences and classifying from the last hidden state h_T.
/// </summary>
public sealed class RecurrentClassifier : nn.Module<Tensor, Tensor>
{
    private readonly RnnCell? rnn;
    private readonly LstmCell? lstm;
    private readonly TorchSharp.Modules.Linear head;

    /// <summary>Creates the classifier.</summary>
    public RecurrentClassifier(RecurrentKind kind, int inputSize, int hiddenSize, int classes) : base(nameof(RecurrentClassifier))
    {
        Kind = kind;
        HiddenSize = hiddenSize;
        if (kind == RecurrentKind.Rnn) rnn = new RnnCell(inputSize, hiddenSize);
        else lstm = new LstmCell(inputSize, hiddenSize);
        head = nn.Linear(hiddenSize, classes);
        RegisterComponents();
    }

    /// <summary>The cell type.</summary>
    public RecurrentKind Kind { get; }

    /// <summary>Units in the hidden state.</summary>
    public int HiddenSize { get; }

    /// <summary>Class scores (N×classes) from the final hidden state.</summary>
    public override Tensor forward(Tensor sequences) => head.forward(HiddenStates(sequences)[^1]);

    /// <summary>h_1 … h_T, each N×HiddenSize, for N×T×F <paramref name="sequences"/>.</summary>
    public IReadOnlyList<Tensor> HiddenStates(Tensor sequences)
    {
        if (sequences.dim() != 3) throw new ArgumentException($"sequences must be N×T×F, not {ShapeText.Of(sequences)}");
        long n = sequences.shape[0];
        var h = zeros(n, HiddenSize, dtype: sequences.dtype);
        var c = zeros(n, HiddenSize, dtype: sequences.dtype);
        var states = new List<Tensor>();
        for (int t = 0; t < sequences.shape[1]; t++)
        {
            var x = sequences.select(1, t);
            if (rnn is not null) h = rnn.forward(x, h);
            else (h, c) = lstm!.forward(x, (h, c));
            states.Add(h);
        }
        return states;
    }
}

/// <summary>
/// The sequence lecture's "sequence modelling with 1-D convolutions": Conv1d layers look at nearby time steps only; a global max over
/// time then says whether a pattern occurred anywhere. Input N×T×F, like the recurrent models.
/// </summary>
public sealed class Conv1dClassifier : nn.Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Sequential features;
    private readonly TorchSharp.Modules.Linear head;

    /// <summary>Creates two Conv1d + ReLU layers of <paramref name="channels"/> channels with kernels of <paramref name="kernelSize"/>.</summary>
    public Conv1dClassifier(int inputSize, int channels, int classes, int kernelSize = 3) : base(nameof(Conv1dClassifier))
    {
        features = nn.Sequential(
            nn.Conv1d(inputSize, channels, kernelSize, padding: kernelSize / 2), nn.ReLU(),
            nn.Conv1d(channels, channels, kernelSize, padding: kernelSize / 2), nn.ReLU());
        head = nn.Linear(channels, classes);
        ReceptiveField = 2 * (kernelSize - 1) + 1;
        RegisterComponents();
    }

    /// <summary>Time steps one feature of the last conv layer sees: 2(k − 1) + 1.</summary>
    public int ReceptiveField { get; }

    /// <summary>Class scores: conv over time (N×F×T), max over time, linear.</summary>
    public override Tensor forward(Tensor sequences) =>
        head.forward(features.forward(sequences.transpose(1, 2)).amax([2]));
}
