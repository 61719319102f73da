using System.Threading.Channels;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Triggers;

/// <summary>A firing whose actions are to run: the trigger as it was when it fired.</summary>
public sealed record TriggerDispatch(TenantId Tenant, Trigger Trigger, TriggerOutcome Firing);

/// <summary>
/// Firings waiting for their actions, off the stream's hot path: the stream and the timer enqueue,
/// one background worker delivers. Bounded; when full, the firing is refused (the caller records
/// that as a failed delivery), so a slow receiver cannot grow memory without bound. Thread-safe.
/// </summary>
/// <remarks>
/// In memory: a process that dies with firings queued loses their deliveries (the firings
/// themselves are recorded, and the delivery log shows no attempt).
/// </remarks>
public sealed class TriggerActionQueue
{
    public const int Capacity = 10_000;

    private readonly Channel<TriggerDispatch> _channel = Channel.CreateBounded<TriggerDispatch>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public bool TryEnqueue(TriggerDispatch dispatch) => _channel.Writer.TryWrite(dispatch);

    public ChannelReader<TriggerDispatch> Reader => _channel.Reader;
}
