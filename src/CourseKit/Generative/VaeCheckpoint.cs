using System.Text.Json;
using TorchSharp;

namespace CourseKit.Generative;

/// <summary>Saves and loads VAE weights with a JSON description beside them (<c>name.bin</c> + <c>name.json</c>).</summary>
public static class VaeCheckpoint
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes the weights to <paramref name="path"/> and the description to the same path with extension .json.</summary>
    public static void Save(VariationalAutoencoder vae, VaeCheckpointInfo info, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        vae.save(path);
        File.WriteAllText(Path.ChangeExtension(path, ".json"), JsonSerializer.Serialize(info, Json));
    }

    /// <summary>Reads the description and rebuilds the model with its weights.</summary>
    /// <exception cref="FileNotFoundException">The checkpoint or its description is missing.</exception>
    public static (VariationalAutoencoder Model, VaeCheckpointInfo Info) Load(string path)
    {
        string description = Path.ChangeExtension(path, ".json");
        if (!File.Exists(path) || !File.Exists(description))
            throw new FileNotFoundException($"VAE checkpoint '{path}' (with '{description}') not found; regenerate it with `coursekit train vae`", path);
        var info = JsonSerializer.Deserialize<VaeCheckpointInfo>(File.ReadAllText(description))
            ?? throw new InvalidDataException($"'{description}' does not describe a VAE checkpoint");
        var model = info.Architecture switch
        {
            "mlp" => VariationalAutoencoder.Mlp([1, 28, 28], info.Hidden, info.LatentSize),
            "conv" => VariationalAutoencoder.Convolutional(info.LatentSize),
            _ => throw new InvalidDataException($"unknown VAE architecture '{info.Architecture}' in '{description}'"),
        };
        model.load(path);
        model.eval();
        return (model, info);
    }

    /// <summary>
    /// Finds a file of the kit's data folder (data/checkpoints/…): searches upwards from the working directory
    /// and from the library's location, so notebooks, tests and the CLI all find it.
    /// </summary>
    public static string FindDataFile(string relativePath)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "data", relativePath);
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new FileNotFoundException($"data/{relativePath} not found above '{Directory.GetCurrentDirectory()}'; run from the kit's folder or regenerate it with `coursekit train vae`");
    }
}
