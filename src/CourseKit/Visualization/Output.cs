namespace CourseKit.Visualization;

/// <summary>
/// Where library code sends things to show. Notebook hosts install their display function here: the kit's
/// engine does so when a session starts, and <see cref="Course.Start"/> does so inside Polyglot Notebooks.
/// Without a host (a console program) values are printed as text.
/// </summary>
public static class Output
{
    private static Func<object, IDisplayHandle>? host;

    /// <summary>Shows <paramref name="value"/> (a <see cref="RichOutput"/> or anything else) and returns a handle to update it.</summary>
    public static IDisplayHandle Display(object value) =>
        host is { } display ? display(value) : ConsoleHandle.Show(value);

    /// <summary>True when a notebook host has installed its display function.</summary>
    public static bool HasHost => host is not null;

    /// <summary>The installed display function, if any (for hosts that swap it temporarily).</summary>
    internal static Func<object, IDisplayHandle>? Host => host;

    /// <summary>Installs a host's display function (null removes it). Called by notebook hosts, not by notebooks.</summary>
    public static void SetHost(Func<object, IDisplayHandle>? display) => host = display;

    private sealed class ConsoleHandle : IDisplayHandle
    {
        public static ConsoleHandle Show(object value)
        {
            var handle = new ConsoleHandle();
            handle.Update(value);
            return handle;
        }

        public void Update(object value) => Console.WriteLine(value.ToString());
    }
}
