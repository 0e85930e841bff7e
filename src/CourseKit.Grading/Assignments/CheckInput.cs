using static TorchSharp.torch;

namespace CourseKit.Grading.Assignments;

/// <summary>The call a check makes: a method of the answer cell, with arguments built in the trusted parent.</summary>
/// <param name="Method">The method name the notebook's signature gives.</param>
/// <param name="Arguments">Arguments: tensors, ints, doubles, strings.</param>
/// <param name="ApplyTo">When the method returns a model, the value checked is the model's output on this input.</param>
public sealed record CheckInput(string Method, object?[] Arguments, Tensor? ApplyTo = null);
