using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Sequences;

/// <summary>
/// One LSTM step with every gate written out as in the sequence lecture (Hochreiter &amp; Schmidhuber 1997, "Long Short-Term Memory"; the lecture's notation):
/// <code>
/// f_t = σ(W_f x_t + U_f h_{t−1} + b_f)      forget gate: how much of the cell to keep
/// i_t = σ(W_i x_t + U_i h_{t−1} + b_i)      input gate: how much of the candidate to write
/// o_t = σ(W_o x_t + U_o h_{t−1} + b_o)      output gate: how much of the cell to show
/// c̃_t = tanh(W_c x_t + U_c h_{t−1} + b_c)   candidate cell value
/// c_t = f_t ∘ c_{t−1} + i_t ∘ c̃_t
/// h_t = o_t ∘ tanh(c_t)
/// </code>
/// The lecture writes the candidate as c_t too (and then c_t = f_t∘c_{t−1} + i_t∘c_t): it is a separate quantity, c̃_t.
/// </summary>
public sealed class LstmCell : nn.Module<Tensor, (Tensor H, Tensor C), (Tensor H, Tensor C)>
{
    private readonly Linear inputToForget, inputToInput, inputToOutput, inputToCandidate;       // W_·, with b_·
    private readonly Linear hiddenToForget, hiddenToInput, hiddenToOutput, hiddenToCandidate;   // U_·, no bias

    /// <summary>Creates a cell reading <paramref name="inputSize"/> features and keeping <paramref name="hiddenSize"/> units.</summary>
    public LstmCell(int inputSize, int hiddenSize) : base(nameof(LstmCell))
    {
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        inputToForget = nn.Linear(inputSize, hiddenSize);
        inputToInput = nn.Linear(inputSize, hiddenSize);
        inputToOutput = nn.Linear(inputSize, hiddenSize);
        inputToCandidate = nn.Linear(inputSize, hiddenSize);
        hiddenToForget = nn.Linear(hiddenSize, hiddenSize, hasBias: false);
        hiddenToInput = nn.Linear(hiddenSize, hiddenSize, hasBias: false);
        hiddenToOutput = nn.Linear(hiddenSize, hiddenSize, hasBias: false);
        hiddenToCandidate = nn.Linear(hiddenSize, hiddenSize, hasBias: false);
        RegisterComponents();
    }

    /// <summary>Features per time step.</summary>
    public int InputSize { get; }

    /// <summary>Units in h and c.</summary>
    public int HiddenSize { get; }

    /// <summary>One step: (x_t, (h_{t−1}, c_{t−1})) → (h_t, c_t). x_t is N×InputSize, h and c are N×HiddenSize.</summary>
    public override (Tensor H, Tensor C) forward(Tensor x, (Tensor H, Tensor C) state)
    {
        var (h, c) = state;
        var forget = sigmoid(inputToForget.forward(x) + hiddenToForget.forward(h));
        var input = sigmoid(inputToInput.forward(x) + hiddenToInput.forward(h));
        var output = sigmoid(inputToOutput.forward(x) + hiddenToOutput.forward(h));
        var candidate = tanh(inputToCandidate.forward(x) + hiddenToCandidate.forward(h));
        var cell = forget * c + input * candidate;
        return (output * tanh(cell), cell);
    }

    /// <summary>
    /// Copies the weights of a one-layer <c>torch.nn.LSTM</c> into this cell. PyTorch stacks the four gates in the order
    /// (i, f, g, o) in weight_ih_l0 (W) and weight_hh_l0 (U), and keeps two biases whose sum is b.
    /// </summary>
    public void LoadFrom(LSTM lstm)
    {
        var parameters = lstm.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var w = parameters["weight_ih_l0"].chunk(4, 0);
        var u = parameters["weight_hh_l0"].chunk(4, 0);
        var b = (parameters["bias_ih_l0"] + parameters["bias_hh_l0"]).chunk(4, 0);
        using var noGrad = no_grad();
        var gates = new[] { (inputToInput, hiddenToInput), (inputToForget, hiddenToForget), (inputToCandidate, hiddenToCandidate), (inputToOutput, hiddenToOutput) };
        for (int g = 0; g < 4; g++)
        {
            gates[g].Item1.weight!.copy_(w[g]);
            gates[g].Item1.bias!.copy_(b[g]);
            gates[g].Item2.weight!.copy_(u[g]);
        }
    }
}
