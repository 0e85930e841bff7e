namespace CourseKit.Teaching;

/// <summary>
/// Thrown by <see cref="Agreement.Check(string, TorchSharp.torch.Tensor, TorchSharp.torch.Tensor, double)"/> when a
/// notebook's version of an idea and the library's tested implementation disagree: the notebook stops there.
/// </summary>
public sealed class DisagreementException(string message) : Exception(message);
