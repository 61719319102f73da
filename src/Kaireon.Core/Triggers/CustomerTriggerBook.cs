namespace Kaireon.Core.Triggers;

/// <summary>
/// A customer's trigger state (document <c>triggers</c> in the customer's partition): per trigger,
/// what its conditions have seen, its last firing and journey, and the absences it waits on; and the
/// outcomes written to it that the traces container has not been seen to hold yet.
/// </summary>
/// <remarks>
/// Exactly once, as the metric book: <see cref="Folded"/> records how many interactions of each day
/// document the state has seen. Day documents only grow, so folding what lies past that count sees
/// every interaction once, however often a batch is delivered; each outcome gets an id derived from
/// (trigger, customer, cause), and an outcome is final when the book holding it is written
/// (conditioned on its etag). Its trace record is appended after that write; a crash in between is
/// repaired by the next write of the book, which looks each <see cref="Unconfirmed"/> outcome up,
/// appends the missing ones, and drops the ones it found.
/// </remarks>
public sealed record CustomerTriggerBook
{
    public const string DocumentId = "triggers";

    /// <summary>Day (<c>2026-03-16</c>) → how many of that day document's interactions are folded in.</summary>
    public Dictionary<string, int> Folded { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Trigger id → its state for this customer.</summary>
    public Dictionary<string, TriggerState> Triggers { get; set; } = new(StringComparer.Ordinal);

    public List<TriggerOutcome> Unconfirmed { get; set; } = [];

    /// <summary>The earliest due time of any absence waited on, or null.</summary>
    public DateTimeOffset? NextDue() =>
        Triggers.Values.SelectMany(t => t.Pending).Select(p => (DateTimeOffset?)p.DueAt).Min();
}

/// <summary>One trigger's state for one customer.</summary>
public sealed class TriggerState
{
    /// <summary>The trigger version the condition state was built under; another version starts it afresh.</summary>
    public string Version { get; set; } = "";

    /// <summary>Per condition (by index), the times of the events a threshold counts inside its window.</summary>
    public List<List<DateTimeOffset>> Hits { get; set; } = [];

    /// <summary>Whether the conditions held at the last evaluation: a trigger fires when they come to hold.</summary>
    public bool Holding { get; set; }

    public DateTimeOffset? LastFiredAt { get; set; }
    public string? JourneyFiringId { get; set; }
    public DateTimeOffset? JourneyUntil { get; set; }

    /// <summary>UTC day → firings that day (the last two days are kept).</summary>
    public Dictionary<string, int> FiredPerDay { get; set; } = new(StringComparer.Ordinal);

    public List<PendingAbsence> Pending { get; set; } = [];
}

/// <summary>An absence waited on: the event that started it, and when it fires unless the awaited event comes first.</summary>
public sealed record PendingAbsence(string StartEventId, DateTimeOffset StartAt, DateTimeOffset DueAt);

/// <summary>
/// A firing or a suppression of a trigger for a customer, at the time of its cause (the event, or an
/// absence's due time). <see cref="Id"/> is derived from trigger, customer and cause, so the same
/// decision always has the same id.
/// </summary>
public sealed record TriggerOutcome
{
    public required string Id { get; init; }
    public required string TriggerId { get; init; }
    public required string CustomerId { get; init; }
    public required TriggerOutcomeKind Outcome { get; init; }
    public SuppressionReason? Reason { get; init; }
    public required DateTimeOffset At { get; init; }

    /// <summary>The event that made the conditions hold, or that started the absence.</summary>
    public required string CauseEventId { get; init; }

    /// <summary>A <c>restart</c> firing: the firing whose journey it restarts.</summary>
    public string? Supersedes { get; init; }

    /// <summary>When the outcome was recorded (the machine's clock; null in a simulation).</summary>
    public DateTimeOffset? RecordedAt { get; init; }
}
