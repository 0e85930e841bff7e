namespace CourseKit.Notebooks.Scripting;

/// <summary>
/// The check the engine inserts at the start of every loop body and every method, local function and lambda
/// body of a cell (Roslyn scripts cannot be aborted from outside), so that cancelling the session's token
/// stops even <c>while (true) {}</c>. Public only because compiled cells call it.
/// </summary>
public static class CellCancellation
{
    private static CancellationToken current;

    /// <summary>Throws <see cref="OperationCanceledException"/> when the running cell has been cancelled.</summary>
    public static void Check() => current.ThrowIfCancellationRequested();

    /// <summary>Sets the token the running cell answers to (one cell runs at a time per process).</summary>
    internal static void Use(CancellationToken token) => current = token;
}
