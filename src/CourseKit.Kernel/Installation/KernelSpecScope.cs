using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit.Kernel.Installation;

/// <summary>Where <c>coursekit kernel install</c> puts the kernelspec, mirroring <c>jupyter kernelspec install</c>.</summary>
public enum KernelSpecScope
{
    /// <summary>The current user's Jupyter data folder (<c>~/.local/share/jupyter</c> on Linux).</summary>
    User,

    /// <summary>The active Python environment's <c>share/jupyter</c> (a virtualenv, conda env, or the system's).</summary>
    SysPrefix,

    /// <summary><c>PREFIX/share/jupyter</c> for a given PREFIX (then put <c>PREFIX/share/jupyter</c> on JUPYTER_PATH).</summary>
    Prefix,
}
