using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Augmentation;

/// <summary>Resizes every image to Height×Width with bilinear interpolation (the augmentation lecture: "resizing").</summary>
/// <param name="Height">Output height in pixels.</param>
/// <param name="Width">Output width in pixels.</param>
public sealed class Resize(int Height, int Width) : Transform
{
    /// <inheritdoc/>
    protected override Tensor ApplyToImage(Tensor image, Random random)
    {
        RequireImage(image, nameof(Resize));
        if (Height <= 0 || Width <= 0) throw new ArgumentException($"Resize needs a positive size, got {Height}×{Width}");
        using var batch = image.unsqueeze(0);
        using var resized = F.interpolate(batch, new long[] { Height, Width }, mode: InterpolationMode.Bilinear, align_corners: false);
        return resized.squeeze(0);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Resize({Height}×{Width})";
}

/// <summary>
/// Cuts a Height×Width window at a random position (the augmentation lecture: "cropping"), after padding every side with
/// <c>Padding</c> zeros (the usual CIFAR/MNIST recipe: pad 2–4, crop back to the original size).
/// </summary>
/// <param name="Height">Crop height.</param>
/// <param name="Width">Crop width.</param>
/// <param name="Padding">Zeros added on every side before cropping.</param>
public sealed class RandomCrop(int Height, int Width, int Padding = 0) : Transform
{
    /// <inheritdoc/>
    protected override Tensor ApplyToImage(Tensor image, Random random)
    {
        RequireImage(image, nameof(RandomCrop));
        using var padded = Padding > 0 ? F.pad(image, new long[] { Padding, Padding, Padding, Padding }) : image.alias();
        long h = padded.shape[1], w = padded.shape[2];
        if (Height > h || Width > w)
            throw new ArgumentException($"RandomCrop of {Height}×{Width} does not fit a {h}×{w} image (after padding {Padding}); crop smaller or pad more");
        int top = random.Next((int)(h - Height) + 1), left = random.Next((int)(w - Width) + 1);
        return padded[.., top..(top + Height), left..(left + Width)].clone();
    }

    /// <inheritdoc/>
    public override string ToString() => $"RandomCrop({Height}×{Width}, padding {Padding})";
}

/// <summary>Cuts the central Height×Width window (the deterministic crop used at test time).</summary>
/// <param name="Height">Crop height.</param>
/// <param name="Width">Crop width.</param>
public sealed class CenterCrop(int Height, int Width) : Transform
{
    /// <inheritdoc/>
    protected override Tensor ApplyToImage(Tensor image, Random random)
    {
        RequireImage(image, nameof(CenterCrop));
        long h = image.shape[1], w = image.shape[2];
        if (Height > h || Width > w) throw new ArgumentException($"CenterCrop of {Height}×{Width} does not fit a {h}×{w} image");
        long top = (h - Height) / 2, left = (w - Width) / 2;
        return image[.., (int)top..(int)(top + Height), (int)left..(int)(left + Width)].clone();
    }

    /// <inheritdoc/>
    public override string ToString() => $"CenterCrop({Height}×{Width})";
}

/// <summary>Mirrors left↔right with probability <c>P</c> (the augmentation lecture: "flipping").</summary>
/// <param name="P">Probability of flipping (1 = always).</param>
public sealed class HorizontalFlip(double P = 0.5) : Transform
{
    /// <inheritdoc/>
    protected override Tensor ApplyToImage(Tensor image, Random random)
    {
        RequireImage(image, nameof(HorizontalFlip));
        return random.NextDouble() < P ? image.flip(2) : image.clone();
    }

    /// <inheritdoc/>
    public override string ToString() => $"HorizontalFlip(p={P})";
}

/// <summary>Mirrors top↔bottom with probability <c>P</c>.</summary>
/// <param name="P">Probability of flipping (1 = always).</param>
public sealed class VerticalFlip(double P = 0.5) : Transform
{
    /// <inheritdoc/>
    protected override Tensor ApplyToImage(Tensor image, Random random)
    {
        RequireImage(image, nameof(VerticalFlip));
        return random.NextDouble() < P ? image.flip(1) : image.clone();
    }

    /// <inheritdoc/>
    public override string ToString() => $"VerticalFlip(p={P})";
}

/// <summary>
/// A random affine warp about the image centre: rotation by an angle in [−MaxDegrees, MaxDegrees]
/// (counter-clockwise as displayed), translation by up to MaxShift of the size, scaling in [MinScale, MaxScale]
/// and shear up to MaxShearDegrees. Pixels that come from outside the image are 0.
/// </summary>
/// <param name="MaxDegrees">Largest rotation either way.</param>
/// <param name="MaxShift">Largest shift as a fraction of width/height.</param>
/// <param name="MinScale">Smallest zoom factor.</param>
/// <param name="MaxScale">Largest zoom factor.</param>
/// <param name="MaxShearDegrees">Largest horizontal shear either way.</param>
public sealed class Affine(double MaxDegrees = 0, double MaxShift = 0, double MinScale = 1, double MaxScale = 1, double MaxShearDegrees = 0) : Transform
{
    /// <inheritdoc/>
    protected override Tensor ApplyToImage(Tensor image, Random random)
    {
        RequireImage(image, nameof(Affine));
        double angle = Uniform(random, -MaxDegrees, MaxDegrees);
        double scale = Uniform(random, MinScale, MaxScale);
        double shear = Uniform(random, -MaxShearDegrees, MaxShearDegrees);
        double shiftX = Uniform(random, -MaxShift, MaxShift) * image.shape[2];
        double shiftY = Uniform(random, -MaxShift, MaxShift) * image.shape[1];
        return AffineWarp.Warp(image, AffineWarp.Matrix(angle, scale, shear), shiftX, shiftY);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Affine(±{MaxDegrees}°, shift ±{MaxShift}, scale {MinScale}–{MaxScale}, shear ±{MaxShearDegrees}°)";
}

/// <summary>Rotates by a random angle in [−MaxDegrees, MaxDegrees] about the centre (the augmentation lecture: "rotation").</summary>
/// <param name="MaxDegrees">Largest rotation either way; counter-clockwise is positive.</param>
public sealed class Rotation(double MaxDegrees) : Transform
{
    /// <inheritdoc/>
    protected override Tensor ApplyToImage(Tensor image, Random random)
    {
        RequireImage(image, nameof(Rotation));
        return Rotate(image, Uniform(random, -MaxDegrees, MaxDegrees));
    }

    /// <summary>Rotates <paramref name="image"/> (C×H×W) by exactly <paramref name="degrees"/> counter-clockwise.</summary>
    public static Tensor Rotate(Tensor image, double degrees) => AffineWarp.Warp(image, AffineWarp.Matrix(degrees, 1, 0), 0, 0);

    /// <inheritdoc/>
    public override string ToString() => $"Rotation(±{MaxDegrees}°)";
}

/// <summary>
/// Warps an image by a 2×2 matrix M and a shift t in pixel coordinates about the centre
/// (x right, y down): output(p) = input(M⁻¹(p − t)), sampled bilinearly with <c>grid_sample</c>.
/// </summary>
public static class AffineWarp
{
    /// <summary>
    /// M = scale · R(θ) · Shear(φ) with R(θ) = [[cos θ, sin θ], [−sin θ, cos θ]] (counter-clockwise on screen,
    /// because y points down) and Shear(φ) = [[1, tan φ], [0, 1]].
    /// </summary>
    public static double[,] Matrix(double degrees, double scale, double shearDegrees)
    {
        double a = degrees * Math.PI / 180, t = Math.Tan(shearDegrees * Math.PI / 180);
        double c = Math.Cos(a), s = Math.Sin(a);
        // R · Shear = [[c, c·t + s], [−s, −s·t + c]]
        return new[,] { { scale * c, scale * (c * t + s) }, { -scale * s, scale * (c - s * t) } };
    }

    /// <summary>Applies output(p) = input(M⁻¹(p − t)) to a C×H×W image; outside pixels are 0.</summary>
    public static Tensor Warp(Tensor image, double[,] m, double shiftX, double shiftY)
    {
        using var scope = NewDisposeScope();
        double h = image.shape[1], w = image.shape[2];
        double det = m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0];
        if (Math.Abs(det) < 1e-12) throw new ArgumentException("the affine matrix is singular (scale 0?)");
        // M⁻¹ in pixel coordinates.
        double i00 = m[1, 1] / det, i01 = -m[0, 1] / det, i10 = -m[1, 0] / det, i11 = m[0, 0] / det;
        // grid_sample works in normalised coordinates x_n = x / (W/2), y_n = y / (H/2) (align_corners = false):
        // θ = D⁻¹ M⁻¹ D and θ_t = −D⁻¹ M⁻¹ t with D = diag(W/2, H/2).
        double[] theta =
        {
            i00, i01 * h / w, -(i00 * shiftX + i01 * shiftY) * 2 / w,
            i10 * w / h, i11, -(i10 * shiftX + i11 * shiftY) * 2 / h,
        };
        var thetaTensor = tensor(theta, dtype: ScalarType.Float32).reshape(1, 2, 3).to(image.dtype);
        var batch = image.unsqueeze(0);
        var grid = F.affine_grid(thetaTensor, batch.shape, align_corners: false);
        var warped = F.grid_sample(batch, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false);
        return warped.squeeze(0).MoveToOuterDisposeScope();
    }
}
