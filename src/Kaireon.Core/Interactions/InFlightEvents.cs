using System.Collections.Concurrent;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Interactions;

/// <summary>
/// Events this process accepted stream-first (<see cref="InteractionRecorder.AcceptAsync"/>) that the
/// stream may not have written into their customer's day document yet: the window in which the day
/// document cannot tell a repeat of the event from a new one. Each event is claimed by one request;
/// a repeat (another request, at the same time or later) waits for that claim's publish and answers
/// a duplicate, or takes the claim over when the publish failed. The stream releases claims once the
/// day documents hold their events (<see cref="Applied"/>); from then on the documents answer.
/// </summary>
/// <remarks>
/// What this set does not know — claims of another instance, or of this process before a restart, or
/// one dropped from a full set — only makes a repeat answer "accepted" instead of "duplicate" and be
/// published again: the stream still applies it once (design §4). Bounded like
/// <c>DocumentCache</c>: two generations of at most <see cref="Capacity"/> claims each, the older
/// dropped whole when the newer fills, which only happens when the stream falls that far behind or
/// runs in another process (Event Hubs). Thread-safe.
/// </remarks>
public sealed class InFlightEvents(int capacity = InFlightEvents.Capacity)
{
    /// <summary>Claims per generation: about 100 MB of held interactions at the most for both.</summary>
    public const int Capacity = 100_000;

    private readonly Lock _turn = new();
    private Generation _current = new();
    private Generation _previous = new();

    /// <summary>
    /// The claim on <paramref name="interaction"/>'s event: a new one, which the caller must settle
    /// (<see cref="Claim.Published"/> or <see cref="Claim.Release"/>), or another request's (<c>Mine</c> false).
    /// </summary>
    public (Claim Claim, bool Mine) ClaimFor(TenantId tenant, Interaction interaction)
    {
        var key = (tenant, interaction.EventId);
        if (_previous.Claims.TryGetValue(key, out var held)) return (held, false);
        var current = _current;
        var claim = new Claim(this, key, interaction);
        var found = current.Claims.GetOrAdd(key, claim);
        if (found != claim) return (found, false);
        if (Interlocked.Increment(ref current.Count) >= capacity) Turn(current);
        return (claim, true);
    }

    /// <summary>The stream wrote these events into their day documents (durably): the documents answer for them now.</summary>
    public void Applied(IEnumerable<(TenantId Tenant, string EventId)> events)
    {
        foreach (var key in events) Forget(key, null);
    }

    /// <summary>Claims held now, in both generations.</summary>
    public int Count => _current.Claims.Count + _previous.Claims.Count;

    private void Forget((TenantId, string) key, Claim? only)
    {
        foreach (var generation in new[] { _current, _previous })
        {
            if (only is null) generation.Claims.TryRemove(key, out _);
            else generation.Claims.TryRemove(new KeyValuePair<(TenantId, string), Claim>(key, only));
        }
    }

    private void Turn(Generation full)
    {
        lock (_turn)
        {
            if (_current != full) return;
            _previous = full;
            _current = new Generation();
        }
    }

    /// <summary>One request's hold on an event: its outcome is whether the event reached the stream.</summary>
    public sealed class Claim
    {
        private readonly InFlightEvents _owner;
        private readonly (TenantId, string) _key;
        private readonly TaskCompletionSource<bool> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal Claim(InFlightEvents owner, (TenantId, string) key, Interaction interaction)
        {
            _owner = owner;
            _key = key;
            Interaction = interaction;
        }

        /// <summary>The event as the claiming request sent it: what a repeat answers as the first result.</summary>
        public Interaction Interaction { get; }

        /// <summary>True once the event is in the stream or its day document; false when the claim was given up and the event must be sent again.</summary>
        public Task<bool> Outcome => _outcome.Task;

        /// <summary>The event is in the stream: the claim stays until the stream applies it.</summary>
        public void Published() => _outcome.TrySetResult(true);

        /// <summary>
        /// Lets go of the claim: <paramref name="stored"/> when the day document already holds the
        /// event (repeats read it there), false when the publish failed (a repeat publishes it).
        /// </summary>
        public void Release(bool stored)
        {
            _owner.Forget(_key, this);
            _outcome.TrySetResult(stored);
        }
    }

    private sealed class Generation
    {
        public readonly ConcurrentDictionary<(TenantId, string), Claim> Claims = new();
        public int Count;
    }
}
