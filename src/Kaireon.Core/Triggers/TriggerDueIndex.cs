using System.Text.Json;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Triggers;

/// <summary>
/// Which customers wait on an absence, and from when: one document per customer with pending
/// absences (kind <c>trigger_due</c>, id <c>tenant|customer</c>) in the reserved <c>_system</c>
/// catalog partition, so the timer finds every tenant's due customers with one single-partition
/// query, as <c>MetricJobs</c> finds metric jobs.
/// </summary>
/// <remarks>
/// The stream writes it after a book write that changed the customer's earliest due time; the timer
/// replaces or deletes it conditioned on the etag it listed, so an absence started meanwhile is kept.
/// An entry may be early or stale (the book is the truth); it is never needed for correctness of
/// what fires, only for when the timer looks.
/// </remarks>
public sealed class TriggerDueIndex(ICatalogStore store)
{
    public const string Kind = "trigger_due";

    public sealed record Entry(TenantId Tenant, string CustomerId, DateTimeOffset DueAt, string Etag);

    public async Task SetAsync(TenantId tenant, string customerId, DateTimeOffset dueAt, CancellationToken ct)
    {
        var document = Document(tenant, customerId, dueAt);
        var created = await store.CreateAsync(document, ct);
        if (created.Status == WriteStatus.Conflict) await store.ReplaceAsync(document, ifMatch: null, ct);
    }

    public async Task<IReadOnlyList<Entry>> ListAsync(CancellationToken ct)
    {
        var documents = await store.ListAsync(TenantId.System, Kind, ct);
        return [.. documents.Select(d =>
        {
            var body = d.Body.Deserialize(KaireonJson.Default.TriggerDueBody)!;
            return new Entry(TenantId.Parse(body.Tenant), body.CustomerId, body.DueAt, d.Etag);
        })];
    }

    /// <summary>After the timer's visit: the next due time, or none; lost to a concurrent write, which then holds.</summary>
    public async Task FinishAsync(Entry entry, DateTimeOffset? next, CancellationToken ct)
    {
        if (next is { } due) await store.ReplaceAsync(Document(entry.Tenant, entry.CustomerId, due), entry.Etag, ct);
        else await store.DeleteAsync(TenantId.System, Kind, Id(entry.Tenant, entry.CustomerId), entry.Etag, ct);
    }

    private static string Id(TenantId tenant, string customerId) => $"{tenant.Value}|{customerId}";

    private static CatalogDocument Document(TenantId tenant, string customerId, DateTimeOffset dueAt) => new()
    {
        Tenant = TenantId.System,
        Kind = Kind,
        Id = Id(tenant, customerId),
        Body = JsonSerializer.SerializeToElement(new TriggerDueBody(tenant.Value, customerId, dueAt), KaireonJson.Default.TriggerDueBody),
    };
}

public sealed record TriggerDueBody(string Tenant, string CustomerId, DateTimeOffset DueAt);
