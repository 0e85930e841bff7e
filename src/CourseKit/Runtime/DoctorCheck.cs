using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;

namespace CourseKit.Runtime;

/// <summary>One line of the doctor's report.</summary>
/// <param name="Topic">What was checked, e.g. "TorchSharp".</param>
/// <param name="Finding">What was found.</param>
/// <param name="Ok">False when the kit cannot work this way.</param>
/// <param name="Advice">What to do when <paramref name="Ok"/> is false.</param>
public sealed record DoctorCheck(string Topic, string Finding, bool Ok, string? Advice = null);
