namespace CourseKit.Grading.Isolation;

/// <summary>
/// Runs the instructor's OWN reference answers in the calling process. Never used for submissions: it exists so
/// the instructor's test run and the notebook self-checks need no child process.
/// </summary>
internal sealed class InProcessRunner : IAnswerRunner
{
    private readonly AnswerInvoker invoker = new();
    private readonly Dictionary<string, string> loadErrors = new();

    public InProcessRunner(IReadOnlyDictionary<string, byte[]> answers)
    {
        foreach (var (question, assembly) in answers)
            if (invoker.Load(question, assembly) is { } error) loadErrors[question] = error;
    }

    public IReadOnlyDictionary<string, string> LoadErrors => loadErrors;

    public bool Alive => true;

    public CallOutcome Call(Invocation call, TimeSpan limit)
    {
        try
        {
            object? value = invoker.Invoke(call);
            // Round-trip through the codec so the reference is judged exactly as a submission's value would be.
            return new Returned(ValueCodec.FromBytes(ValueCodec.ToBytes(value)));
        }
        catch (Exception e)
        {
            return new Threw(e.GetType().Name, WorkerProtocol.Cap(e.Message));
        }
    }

    public void Dispose() { }
}
