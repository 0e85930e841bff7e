using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Transfer;

/// <summary>What <c>StateDicts.LoadMatching</c> did.</summary>
/// <param name="Loaded">Names copied into the model.</param>
/// <param name="SkippedMissing">Names in the file that the model does not have.</param>
/// <param name="SkippedShape">Names whose shapes differ (e.g. a new classifier head), as "name: file [..] vs model [..]".</param>
/// <param name="NotInFile">Model entries the file does not provide (they keep their current values).</param>
public sealed record PartialLoadReport(IReadOnlyList<string> Loaded, IReadOnlyList<string> SkippedMissing, IReadOnlyList<string> SkippedShape, IReadOnlyList<string> NotInFile)
{
    /// <summary>A summary for the console or notebook.</summary>
    public override string ToString() =>
        $"loaded {Loaded.Count}; skipped {SkippedMissing.Count} unknown and {SkippedShape.Count} with another shape" +
        (SkippedShape.Count > 0 ? " (" + string.Join("; ", SkippedShape) + ")" : "") + $"; {NotInFile.Count} model entries kept";
}

/// <summary>
/// Saving and loading state dictionaries in TorchSharp's own format (<c>Module.save</c>/<c>load</c>), with a
/// partial load for transfer learning: copy every entry whose name and shape match, report the rest.
/// </summary>
public static class StateDicts
{
    /// <summary>Reads every (name, tensor) entry of a file written by <c>Module.save</c> or <see cref="Save"/>.</summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no state dict at '{path}'", path);
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        long count = Decode(reader);
        var result = new Dictionary<string, Tensor>();
        for (long i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            result[name] = TensorExtensionMethods.Load(reader);
        }
        return result;
    }

    /// <summary>Saves the module's whole state dict (same format as <c>Module.save</c>).</summary>
    public static void Save(nn.Module module, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        module.save(path);
    }

    /// <summary>
    /// Copies into <paramref name="module"/> every entry of <paramref name="source"/> whose name exists in the
    /// module with the same shape, and reports what was skipped (the transfer-learning lecture: "the CNN reuses its knowledge").
    /// </summary>
    public static PartialLoadReport LoadMatching(nn.Module module, IReadOnlyDictionary<string, Tensor> source)
    {
        var target = module.state_dict();
        var loaded = new List<string>();
        var missing = new List<string>();
        var shape = new List<string>();
        using (no_grad())
        {
            foreach (var (name, value) in source)
            {
                if (!target.TryGetValue(name, out var destination)) { missing.Add(name); continue; }
                if (!destination.shape.SequenceEqual(value.shape))
                {
                    shape.Add($"{name}: file {ShapeText.Of(value)} vs model {ShapeText.Of(destination)}");
                    continue;
                }
                destination.copy_(value);
                loaded.Add(name);
            }
        }
        var notInFile = target.Keys.Where(k => !source.ContainsKey(k)).ToList();
        return new PartialLoadReport(loaded, missing, shape, notInFile);
    }

    /// <summary><see cref="LoadMatching(nn.Module, IReadOnlyDictionary{string, Tensor})"/> from a file.</summary>
    public static PartialLoadReport LoadMatching(nn.Module module, string path)
    {
        var source = Read(path);
        try { return LoadMatching(module, source); }
        finally { foreach (var t in source.Values) t.Dispose(); }
    }

    private static long Decode(BinaryReader reader)
    {
        // TorchSharp writes the entry count as a LEB128 variable-length integer.
        long result = 0;
        int shift = 0;
        while (true)
        {
            byte b = reader.ReadByte();
            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
            shift += 7;
        }
    }
}

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
