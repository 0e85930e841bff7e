using System.Reflection;
using System.Runtime.Loader;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Grading.Isolation;

/// <summary>
/// Loads compiled answers and calls their methods by name. Runs in the child for student code, and in-process
/// only for the instructor's own reference solution (trusted) in tests and self-checks.
/// </summary>
internal sealed class AnswerInvoker
{
    private readonly Dictionary<string, object> answers = new();
    private readonly AssemblyLoadContext context = new("answers", isCollectible: false);

    /// <summary>Loads one answer assembly; returns null or the reason it could not be loaded.</summary>
    public string? Load(string question, byte[] assembly)
    {
        try
        {
            Assembly loaded = context.LoadFromStream(new MemoryStream(assembly));
            Type type = loaded.GetType(Compilation.AnswerCompiler.ClassName(question), throwOnError: true)!;
            answers[question] = Activator.CreateInstance(type)!;
            return null;
        }
        catch (Exception e)
        {
            return WorkerProtocol.Cap($"{e.GetType().Name}: {(e.InnerException ?? e).Message}");
        }
    }

    /// <summary>Calls the method; the returned value is already converted for sending (module outputs applied).</summary>
    public object? Invoke(Invocation call)
    {
        if (!answers.TryGetValue(call.Question, out object? instance))
            throw new MissingAnswerException($"the answer to {call.Question} is not loaded.");
        MethodInfo method = FindMethod(instance.GetType(), call.Method, call.Arguments.Length);
        object?[] args = Convert(call.Arguments, method.GetParameters());
        torch.manual_seed(call.Seed);
        object? result;
        try
        {
            result = method.Invoke(instance, BindingFlags.DoNotWrapExceptions, null, args, null);
        }
        catch (TargetParameterCountException)
        {
            throw new MissingAnswerException($"{call.Method} does not take {args.Length} arguments.");
        }
        if (call.ApplyTo is not null) result = ApplyModule(result, call.ApplyTo, call.Method);
        return result;
    }

    private static object ApplyModule(object? result, Tensor input, string method)
    {
        if (result is not nn.Module<Tensor, Tensor> module)
            throw new InvalidCastException($"{method} must return a Module<Tensor, Tensor> (got {result?.GetType().Name ?? "null"}).");
        module.eval();
        using var _ = no_grad();
        return module.forward(input);
    }

    private static MethodInfo FindMethod(Type type, string name, int argumentCount)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var candidates = type.GetMethods(flags).Where(m => m.Name == name).ToList();
        if (candidates.Count == 0)
            throw new MissingAnswerException($"no method named {name} in the answer cell (was it renamed or removed?).");
        MethodInfo? match = candidates.FirstOrDefault(m =>
            m.GetParameters().Length >= argumentCount &&
            m.GetParameters().Skip(argumentCount).All(p => p.HasDefaultValue));
        return match ?? throw new MissingAnswerException(
            $"{name} must take {argumentCount} arguments (the signature given in the notebook); found {string.Join(", ", candidates.Select(Signature))}.");
    }

    private static string Signature(MethodInfo m) =>
        $"{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})";

    private static object?[] Convert(object?[] given, ParameterInfo[] parameters)
    {
        var args = new object?[parameters.Length];
        for (int k = 0; k < parameters.Length; k++)
        {
            if (k >= given.Length) { args[k] = parameters[k].DefaultValue; continue; }
            Type target = parameters[k].ParameterType;
            object? value = given[k];
            args[k] = value is null || target.IsInstanceOfType(value) ? value
                : target == typeof(int) || target == typeof(long) || target == typeof(double) || target == typeof(float)
                    ? System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture)
                    : throw new MissingAnswerException($"parameter {parameters[k].Name} has type {target.Name}; the notebook's signature gives it a {value.GetType().Name}.");
        }
        return args;
    }
}

/// <summary>The answer's code is not there in the shape the checks call (missing, renamed, wrong signature).</summary>
internal sealed class MissingAnswerException(string message) : Exception(message);
