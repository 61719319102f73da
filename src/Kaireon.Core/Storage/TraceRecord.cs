using System.Text.Json;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Storage;

/// <summary>
/// An append-only record in the <c>traces</c> container (partition <c>/tenantId</c>): an audit log
/// entry, a decision trace or a dead letter, told apart by <see cref="Kind"/>.
/// </summary>
/// <remarks><see cref="TimeToLiveSeconds"/> null keeps the record forever.</remarks>
public sealed record TraceRecord
{
    public required TenantId Tenant { get; init; }
    public required string Kind { get; init; }
    public required string Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required JsonElement Body { get; init; }
    public int? TimeToLiveSeconds { get; init; }
}
