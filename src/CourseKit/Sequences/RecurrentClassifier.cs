using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Sequences;

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
