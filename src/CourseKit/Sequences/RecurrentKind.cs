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
