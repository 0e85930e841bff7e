using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;

namespace CourseKit.Runtime;

/// <summary>The doctor's whole report.</summary>
public sealed record DoctorReport(IReadOnlyList<DoctorCheck> Checks)
{
    /// <summary>True when every check passed.</summary>
    public bool Healthy => Checks.All(c => c.Ok);

    /// <summary>The report as aligned text lines, problems marked and followed by what to do.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        int width = Checks.Max(c => c.Topic.Length);
        foreach (var check in Checks)
        {
            text.AppendLine($"{(check.Ok ? "ok  " : "FAIL")} {check.Topic.PadRight(width)}  {check.Finding}");
            if (!check.Ok && check.Advice is not null) text.AppendLine($"     {new string(' ', width)}  -> {check.Advice}");
        }
        text.AppendLine(Healthy ? "Everything the kit needs is here." : "Some checks failed: see the lines marked FAIL.");
        return text.ToString();
    }
}
