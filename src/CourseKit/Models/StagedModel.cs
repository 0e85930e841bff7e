using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Models;

/// <summary>
/// A network written as a chain of named stages applied one after the other (like <c>nn.Sequential</c>), so that
/// <see cref="ModelSummary"/> can show each stage's output shape and the notebooks can stop after any stage to look
/// at its feature maps (<see cref="ForwardUntil"/>). Every model in <c>CourseKit.Models</c> is one.
/// </summary>
public abstract class StagedModel : nn.Module<Tensor, Tensor>
{
    private readonly List<(string Name, nn.Module<Tensor, Tensor> Stage)> stages = new();

    /// <summary>Creates the model and registers its stages in order (their parameters are named "stage.parameter").</summary>
    protected StagedModel(string name, params (string Name, nn.Module<Tensor, Tensor> Stage)[] stages) : base(name)
    {
        foreach (var (stageName, stage) in stages)
        {
            register_module(stageName, stage);
            this.stages.Add((stageName, stage));
        }
    }

    /// <summary>The stages in the order forward applies them.</summary>
    public IReadOnlyList<(string Name, nn.Module<Tensor, Tensor> Stage)> Stages => stages;

    /// <summary>Applies every stage in order.</summary>
    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var (_, stage) in stages) x = stage.forward(x);
        return x;
    }

    /// <summary>The output of the stage called <paramref name="stageName"/> (the feature maps a notebook shows).</summary>
    /// <exception cref="ArgumentException">No stage has that name; the message lists the names.</exception>
    public Tensor ForwardUntil(Tensor input, string stageName)
    {
        if (!stages.Any(s => s.Name == stageName))
            throw new ArgumentException($"{GetName()} has no stage \"{stageName}\"; its stages are: {string.Join(", ", stages.Select(s => s.Name))}.");
        var x = input;
        foreach (var (name, stage) in stages)
        {
            x = stage.forward(x);
            if (name == stageName) break;
        }
        return x;
    }

    /// <summary>The number of trainable parameters.</summary>
    public long ParameterCount => parameters().Where(p => p.requires_grad).Sum(p => p.numel());
}
