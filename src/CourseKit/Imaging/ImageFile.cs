using static TorchSharp.torch;

namespace CourseKit.Imaging;

/// <summary>Reads and writes image files (.png, .jpg/.jpeg) as C×H×W float tensors in [0,1].</summary>
public static class ImageFile
{
    /// <summary>The codec every image read and write goes through (swap it to use another imaging library).</summary>
    public static IImageCodec Codec { get; set; } = new StbImageCodec();

    /// <summary>JPEG quality used by <see cref="Write"/>.</summary>
    public const int JpegQuality = 92;

    /// <summary>Reads an image: grey files give 1×H×W, colour files 3×H×W, float32 in [0,1] (alpha is dropped).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an image the codec can read.</exception>
    public static Tensor Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"image file {path} does not exist", path);
        return Decode(File.ReadAllBytes(path), path);
    }

    /// <summary>Decodes an image file's bytes; <paramref name="name"/> is used in error messages.</summary>
    public static Tensor Decode(byte[] encoded, string name)
    {
        RawImage image;
        try { image = Codec.Decode(encoded); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{name}: cannot be read as an image ({e.Message})", e);
        }
        return ImageTensor.FromRaw(image);
    }

    /// <summary>
    /// Writes a C×H×W (C = 1 or 3) or H×W tensor with values in [0,1] (clamped) as .png (lossless) or .jpg/.jpeg
    /// (quality <see cref="JpegQuality"/>), creating the folder if needed.
    /// </summary>
    /// <exception cref="ArgumentException">The extension is not .png, .jpg or .jpeg, or the tensor is not an image.</exception>
    public static void Write(string path, Tensor image)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        var raw = ImageTensor.ToRaw(image);
        byte[] bytes = extension switch
        {
            ".png" => Codec.EncodePng(raw),
            ".jpg" or ".jpeg" => Codec.EncodeJpeg(raw, JpegQuality),
            _ => throw new ArgumentException($"cannot write '{path}': use a .png, .jpg or .jpeg file name", nameof(path)),
        };
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllBytes(path, bytes);
    }
}
