namespace Kaireon.Core.Storage;

/// <summary>
/// Marks the store calls of work that no caller waits on — the stream consumer, the timers, the
/// action worker — so that an adapter with one writer (SQLite) can let a waiting request's write go
/// first. It only orders writes: what is written, and when it is durable, is the same either way.
/// </summary>
/// <remarks>Ambient (an <see cref="AsyncLocal{T}"/>): entering it marks the calling flow and everything it awaits or starts.</remarks>
public static class BackgroundWork
{
    private static readonly AsyncLocal<bool> Marked = new();

    /// <summary>True inside work marked by <see cref="Enter"/>.</summary>
    public static bool IsCurrent => Marked.Value;

    /// <summary>Marks the rest of the calling async flow (and what it starts) as background work.</summary>
    public static void Enter() => Marked.Value = true;
}
