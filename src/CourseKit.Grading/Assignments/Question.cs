using static TorchSharp.torch;

namespace CourseKit.Grading.Assignments;

/// <summary>A question: an answer cell and the checks that grade it.</summary>
/// <param name="Id">"q1".</param>
/// <param name="Title">What the student implements.</param>
/// <param name="ForbiddenCalls">TorchSharp members the answer may not call (e.g. conv2d in "implement convolution").</param>
/// <param name="Rules">What the answer may call (an allow-list of TorchSharp members, kit namespaces); null: <see cref="Compilation.AnswerRules.Library"/>.</param>
public sealed record Question(string Id, string Title, IReadOnlyList<string>? ForbiddenCalls = null, Compilation.AnswerRules? Rules = null);
