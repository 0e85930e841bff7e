using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Sequences;

/// <summary>
/// A vanilla (Elman) recurrent step (Elman 1990, "Finding Structure in Time"): h_t = tanh(U x_t + V h_{t−1} + b_h). (The lecture writes σ for the
/// nonlinearity; tanh is the usual choice and what <c>torch.nn.RNN</c> uses.)
/// </summary>
public sealed class RnnCell : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear inputToHidden;    // U, b_h
    private readonly Linear hiddenToHidden;   // V

    /// <summary>Creates a cell reading <paramref name="inputSize"/> features and keeping <paramref name="hiddenSize"/> units.</summary>
    public RnnCell(int inputSize, int hiddenSize) : base(nameof(RnnCell))
    {
        HiddenSize = hiddenSize;
        inputToHidden = nn.Linear(inputSize, hiddenSize);
        hiddenToHidden = nn.Linear(hiddenSize, hiddenSize, hasBias: false);
        RegisterComponents();
    }

    /// <summary>Units in h.</summary>
    public int HiddenSize { get; }

    /// <summary>One step: (x_t, h_{t−1}) → h_t.</summary>
    public override Tensor forward(Tensor x, Tensor h) => tanh(inputToHidden.forward(x) + hiddenToHidden.forward(h));
}
