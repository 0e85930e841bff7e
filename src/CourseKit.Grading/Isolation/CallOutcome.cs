namespace CourseKit.Grading.Isolation;

/// <summary>What happened when the child was asked to call an answer.</summary>
internal abstract record CallOutcome;

/// <summary>The call returned this value (already decoded in the parent).</summary>
internal sealed record Returned(object? Value) : CallOutcome;

/// <summary>The call threw an exception of this type with this (capped) message.</summary>
internal sealed record Threw(string ExceptionType, string Message) : CallOutcome;

/// <summary>The call ran past its time limit; the child was killed.</summary>
internal sealed record TimedOut(TimeSpan Limit) : CallOutcome;

/// <summary>The child died (stack overflow, Environment.Exit, FailFast, memory cap, …) before answering.</summary>
internal sealed record Crashed(string Reason) : CallOutcome;

/// <summary>
/// The child broke the protocol (a frame that was unexpected, forged, oversized, malformed or answered another call);
/// it was stopped, and the remaining checks run in a fresh one.
/// </summary>
internal sealed record ProtocolViolation(string Reason) : CallOutcome;

/// <summary>The submission's wall-clock budget ran out during the call; the child was killed.</summary>
internal sealed record OutOfBudget(TimeSpan Budget) : CallOutcome;

/// <summary>Runs answers: in a sandboxed child for submissions, in-process only for the instructor's reference.</summary>
internal interface IAnswerRunner : IDisposable
{
    /// <summary>Answers that could not be loaded, with the reason.</summary>
    IReadOnlyDictionary<string, string> LoadErrors { get; }

    /// <summary>Whether the runner can still take calls (a child that crashed or timed out cannot).</summary>
    bool Alive { get; }

    /// <summary>Makes one call with a time limit.</summary>
    CallOutcome Call(Invocation call, TimeSpan limit);
}
