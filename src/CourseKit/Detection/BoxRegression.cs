namespace CourseKit.Detection;

/// <summary>
/// R-CNN's box regression targets: how to move and stretch a proposal P into the true box G,
/// t_x = (G_x − P_x)/P_w, t_y = (G_y − P_y)/P_h, t_w = log(G_w/P_w), t_h = log(G_h/P_h) (centres and sizes),
/// divided by (0.1, 0.1, 0.2, 0.2) so the four numbers have similar spread (as in Faster R-CNN).
/// </summary>
public static class BoxRegression
{
    private static readonly float[] Scale = { 0.1f, 0.1f, 0.2f, 0.2f };

    /// <summary>The four normalised targets that turn <paramref name="proposal"/> into <paramref name="truth"/>.</summary>
    public static float[] Encode(Box proposal, Box truth)
    {
        float pw = Math.Max(proposal.Width, 1), ph = Math.Max(proposal.Height, 1);
        float gw = Math.Max(truth.Width, 1), gh = Math.Max(truth.Height, 1);
        return new[]
        {
            (truth.CenterX - proposal.CenterX) / pw / Scale[0],
            (truth.CenterY - proposal.CenterY) / ph / Scale[1],
            MathF.Log(gw / pw) / Scale[2],
            MathF.Log(gh / ph) / Scale[3],
        };
    }

    /// <summary>Applies normalised targets to a proposal (the inverse of <see cref="Encode"/>).</summary>
    public static Box Decode(Box proposal, ReadOnlySpan<float> deltas)
    {
        float pw = Math.Max(proposal.Width, 1), ph = Math.Max(proposal.Height, 1);
        float cx = proposal.CenterX + deltas[0] * Scale[0] * pw;
        float cy = proposal.CenterY + deltas[1] * Scale[1] * ph;
        // Clamp the log-scale so a wild prediction cannot overflow.
        float w = pw * MathF.Exp(Math.Clamp(deltas[2] * Scale[2], -4f, 4f));
        float h = ph * MathF.Exp(Math.Clamp(deltas[3] * Scale[3], -4f, 4f));
        return new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }
}
