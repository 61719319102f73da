using Kaireon.Core.Interactions;
using Kaireon.Core.Tenancy;
using Kaireon.Storage.Tests.Interactions;

namespace Kaireon.Storage.Tests.Behaviors;

/// <summary>
/// Publishes to an <see cref="InMemoryStream"/> and remembers the order in which each event first
/// reached it: a customer's events are in one partition, so this is the order the stream applies them.
/// </summary>
internal sealed class OrderedPublisher(InMemoryStream stream) : IEventPublisher
{
    private readonly List<Interaction> _firstSeen = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public IReadOnlyList<Interaction> FirstSeen => _firstSeen;

    public Task PublishAsync(TenantId tenant, IReadOnlyList<Interaction> interactions, CancellationToken ct)
    {
        foreach (var interaction in interactions) Append(tenant, interaction);
        return Task.CompletedTask;
    }

    public void Append(TenantId tenant, Interaction interaction)
    {
        if (_seen.Add(interaction.EventId)) _firstSeen.Add(interaction);
        stream.Append(tenant, interaction);
    }
}
