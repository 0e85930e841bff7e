using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Transfer;

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
