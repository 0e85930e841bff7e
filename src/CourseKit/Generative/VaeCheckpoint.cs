using System.Text.Json;
using TorchSharp;

namespace CourseKit.Generative;

/// <summary>
/// What a shipped VAE checkpoint is: the architecture to rebuild, how it was trained, and the test numbers it
/// was measured at (so a test can check that the file still meets them).
/// </summary>
/// <param name="Architecture">"mlp" or "conv".</param>
/// <param name="Hidden">Hidden layer sizes of the MLP.</param>
/// <param name="LatentSize">d.</param>
/// <param name="Training">The options it was trained with.</param>
/// <param name="TrainingSeconds">Wall-clock training time on the machine that made it.</param>
/// <param name="TestNegativeElbo">Mean −ELBO on the fixed binarised MNIST test set (nats).</param>
/// <param name="TestBitsPerDimension">The same in bits per dimension.</param>
/// <param name="TestImportanceWeightedNll">The importance-weighted −log p(x) estimate (nats).</param>
/// <param name="ImportanceSamples">k used for it.</param>
/// <param name="Command">The command that regenerates the file.</param>
public sealed record VaeCheckpointInfo(string Architecture, int[] Hidden, int LatentSize, VaeTrainingOptions Training,
    double TrainingSeconds, double TestNegativeElbo, double TestBitsPerDimension, double TestImportanceWeightedNll, int ImportanceSamples, string Command);

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
