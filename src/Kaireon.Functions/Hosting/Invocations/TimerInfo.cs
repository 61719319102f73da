namespace Kaireon.Functions.Hosting.Invocations;

/// <summary>
/// <c>Data.timer</c> of a timer-triggered invocation, as the host sends it (PascalCase):
/// <c>{ Schedule, ScheduleStatus (null when the schedule monitor is off), IsPastDue }</c>. The
/// standalone scheduler sends the same shape, so handlers cannot tell the two apart.
/// </summary>
public sealed record TimerInfo
{
    public TimerScheduleInfo Schedule { get; init; } = new();
    public TimerScheduleStatus? ScheduleStatus { get; init; }
    public bool IsPastDue { get; init; }
}

public sealed record TimerScheduleInfo
{
    public bool AdjustForDST { get; init; } = true;
}

/// <summary>The last and next occurrences; <see cref="Last"/> is <c>0001-01-01</c> on the first run.</summary>
public sealed record TimerScheduleStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);
