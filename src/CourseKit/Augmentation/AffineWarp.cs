using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Augmentation;

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
