using TorchSharp;

namespace CourseKit.Training;

/// <summary>
/// Puts a module in evaluation mode (dropout off, batch norm on its running statistics) until disposed, then
/// restores the mode it had: <c>using var mode = EvaluationMode.Of(model);</c>.
/// </summary>
public readonly struct EvaluationMode : IDisposable
{
    private readonly torch.nn.Module module;
    private readonly bool wasTraining;

    private EvaluationMode(torch.nn.Module module)
    {
        this.module = module;
        wasTraining = module.training;
        module.eval();
    }

    /// <summary>Switches <paramref name="module"/> to evaluation mode until the result is disposed.</summary>
    public static EvaluationMode Of(torch.nn.Module module) => new(module);

    /// <summary>Restores the mode the module had before.</summary>
    public void Dispose() => module.train(wasTraining);
}
