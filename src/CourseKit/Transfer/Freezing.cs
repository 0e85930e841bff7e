using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Transfer;

/// <summary>Freezing parts of a network and giving layers their own learning rates.</summary>
public static class Freezing
{
    /// <summary>Turns gradient tracking off (frozen) or on for every parameter of <paramref name="module"/>.</summary>
    public static void SetTrainable(nn.Module module, bool trainable)
    {
        foreach (var p in module.parameters()) p.requires_grad = trainable;
    }

    /// <summary>Freezes every parameter whose name starts with one of <paramref name="prefixes"/>; returns how many.</summary>
    public static int Freeze(nn.Module module, params string[] prefixes)
    {
        int count = 0;
        foreach (var (name, p) in module.named_parameters())
            if (prefixes.Any(name.StartsWith)) { p.requires_grad = false; count++; }
        return count;
    }

    /// <summary>The number of trainable (not frozen) parameter values.</summary>
    public static long TrainableCount(nn.Module module) => module.parameters().Where(p => p.requires_grad).Sum(p => p.numel());

    /// <summary>
    /// An Adam optimizer with one parameter group per name prefix, each with its own learning rate (e.g. a small rate
    /// for pretrained layers, a large one for the new head). Frozen parameters and parameters matching no prefix are
    /// left out.
    /// </summary>
    public static optim.Optimizer AdamWithLayerRates(nn.Module module, params (string Prefix, double LearningRate)[] groups)
    {
        var named = module.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        var paramGroups = new List<Adam.ParamGroup>();
        foreach (var (prefix, rate) in groups)
        {
            var members = named.Where(p => p.name.StartsWith(prefix)).Select(p => p.parameter).ToList();
            if (members.Count == 0) throw new ArgumentException($"no trainable parameter starts with '{prefix}'; names are: {string.Join(", ", named.Select(n => n.name))}");
            paramGroups.Add(new Adam.ParamGroup(members, new Adam.Options { LearningRate = rate }));
        }
        return optim.Adam(paramGroups);
    }
}
