using System.Threading.Channels;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Triggers;

/// <summary>
/// A firing whose actions are to run: the trigger as it was when it fired, the first action not yet
/// run, and the etag of its durable entry (<see cref="TriggerDispatches"/>) as last seen.
/// </summary>
public sealed record TriggerDispatch(TenantId Tenant, Trigger Trigger, TriggerOutcome Firing, int NextAction = 0, string? Etag = null);

/// <summary>
/// Dispatches waiting for this process's worker, off the stream's hot path: the stream and the timer
/// enqueue, one background worker runs them. Bounded; when full, a dispatch is not queued and waits
/// in its durable entry for the timer, so a slow receiver cannot grow memory without bound.
/// Thread-safe.
/// </summary>
/// <remarks>
/// Only a fast path: what is queued here is also held by <see cref="TriggerDispatches"/>, so a process
/// that dies with dispatches queued loses none of them.
/// </remarks>
public sealed class TriggerActionQueue
{
    public const int Capacity = 10_000;

    private readonly Channel<TriggerDispatch> _channel = Channel.CreateBounded<TriggerDispatch>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public bool TryEnqueue(TriggerDispatch dispatch) => _channel.Writer.TryWrite(dispatch);

    public ChannelReader<TriggerDispatch> Reader => _channel.Reader;
}
