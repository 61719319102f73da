using System.Text.Json;
using Kaireon.Core.Audit;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows;

/// <summary>
/// Publishing and versions of Decision Flows, and the flow Recommend runs. Besides the
/// <c>decision_flow</c> entity (the draft), two catalog document kinds:
/// <list type="bullet">
/// <item><c>decision_flow_version</c>, id <c>{key}|v000001</c>: the history, one snapshot per publish;</item>
/// <item><c>decision_flow_published</c>, id <c>{key}</c>: the live snapshot, one point read for
/// Recommend. It alone carries the snapshot's references, so an entity the running version uses
/// cannot be deleted (409), while older versions do not pin anything.</item>
/// </list>
/// </summary>
public sealed class DecisionFlowService(ICatalogStore store, CatalogService catalog, AuditLog audit, TimeProvider clock, CatalogSnapshots? snapshots = null)
{
    public const string VersionKind = "decision_flow_version";
    public const string PublishedKind = "decision_flow_published";

    /// <summary>Snapshots the flow's current configuration as version N+1 and makes it the one Recommend runs.</summary>
    /// <param name="ifMatch">When given, the flow's etag must equal it (the client publishes what it saw).</param>
    public async Task<CatalogResult<DecisionFlow>> PublishAsync(TenantId tenant, string key, string? ifMatch, Actor actor, CancellationToken ct)
    {
        var document = EntityId.IsValid(key) ? await store.FindAsync(tenant, DecisionFlow.Kind.Name, key, ct) : null;
        if (document is null) return CatalogResult<DecisionFlow>.NotFound();
        if (!ETags.Satisfies(ifMatch, document.Etag)) return CatalogResult<DecisionFlow>.PreconditionFailed();
        var flow = CatalogService.ToEntity(DecisionFlow.Kind, document);
        if (flow.IsArchived) return CatalogResult<DecisionFlow>.Conflict($"Decision Flow '{key}' is archived; change its status before publishing it.");

        // References were checked when the flow was saved, but a metric may have been force-deleted since.
        var errors = new ValidationErrors();
        foreach (var reference in DecisionFlow.Kind.References(flow).Where(r => r.Id is not null))
        {
            if (await store.FindAsync(tenant, reference.Kind, reference.Id!, ct) is null)
                errors.Add(reference.Path, $"{reference.Kind} '{reference.Id}' does not exist.");
        }
        if (errors.Any) return new CatalogResult<DecisionFlow>(CatalogOutcome.Unprocessable, Errors: errors);

        var live = await store.FindAsync(tenant, PublishedKind, key, ct);
        var version = new DecisionFlowVersion
        {
            FlowKey = key,
            Version = (live is null ? 0 : Read(live).Version) + 1,
            Name = flow.Name,
            Config = flow.Config!,
            PublishedAt = clock.GetUtcNow(),
            PublishedBy = actor.KeyId,
            FlowEtag = document.Etag,
        };
        var history = await store.CreateAsync(ToDocument(tenant, VersionKind, DecisionFlowVersion.DocumentId(key, version.Version), version, []), ct);
        if (!history.Ok) return CatalogResult<DecisionFlow>.Conflict($"Decision Flow '{key}' was published by another request at the same time; try again.");

        var refs = DecisionFlow.Kind.References(flow).Where(r => r.Id is not null).Select(r => CatalogDocument.RefTo(r.Kind, r.Id!)).Distinct(StringComparer.Ordinal).ToList();
        var snapshot = ToDocument(tenant, PublishedKind, key, version, refs);
        var written = live is null ? await store.CreateAsync(snapshot, ct) : await store.ReplaceAsync(snapshot, live.Etag, ct);
        if (!written.Ok) return CatalogResult<DecisionFlow>.Conflict($"Decision Flow '{key}' was published by another request at the same time; try again.");

        if (snapshots is not null) await snapshots.BumpAsync(tenant, ct);
        await audit.RecordAsync(tenant, actor, DecisionFlow.Kind.Name, key, AuditAction.Update, document.Etag, document.Etag, ct, $"Published version {version.Version}.");
        return new CatalogResult<DecisionFlow>(CatalogOutcome.Ok, Present(flow, version));
    }

    /// <summary>The flow's versions, newest first; null when there is no such flow.</summary>
    public async Task<Page<DecisionFlowVersion>?> ListVersionsAsync(TenantId tenant, string key, int limit, string? cursor, CancellationToken ct)
    {
        if (await catalog.FindAsync(DecisionFlow.Kind, tenant, key, ct) is null) return null;
        var versions = (await store.ListAsync(tenant, VersionKind, ct)).Where(d => d.Id.StartsWith($"{key}|v", StringComparison.Ordinal)).Select(Read);
        return Paging.Of(versions, v => (int.MaxValue - v.Version).ToString("D10", System.Globalization.CultureInfo.InvariantCulture), limit, cursor);
    }

    /// <summary>One published version of a flow, or null.</summary>
    public async Task<DecisionFlowVersion?> FindVersionAsync(TenantId tenant, string key, int version, CancellationToken ct) =>
        EntityId.IsValid(key) && await store.FindAsync(tenant, VersionKind, DecisionFlowVersion.DocumentId(key, version), ct) is { } document
            ? Read(document)
            : null;

    /// <summary>
    /// The flows Recommend runs, from the tenant's catalog snapshot (read from the store once per
    /// catalog version): a flow counts while it exists, is published and is not archived.
    /// </summary>
    public ValueTask<PublishedFlows> PublishedAsync(TenantId tenant, CancellationToken ct) =>
        snapshots is null
            ? ValueTask.FromResult(PublishedFlows.None)
            : snapshots.GetDerivedAsync(tenant, PublishedKind, async token => new PublishedFlows(
                (await store.ListAsync(tenant, PublishedKind, token)).Select(Read),
                (await snapshots.GetAsync(tenant, DecisionFlow.Kind, token)).All), ct);

    /// <summary>The flow as the API shows it: its status and last publication filled in.</summary>
    public async Task<DecisionFlow> PresentAsync(TenantId tenant, DecisionFlow flow, CancellationToken ct)
    {
        var live = await store.FindAsync(tenant, PublishedKind, flow.Id!, ct);
        return Present(flow, live is null ? null : Read(live));
    }

    private static DecisionFlow Present(DecisionFlow flow, DecisionFlowVersion? live) => flow with
    {
        Status = flow.IsArchived ? FlowStatus.Archived : live is null ? FlowStatus.Draft : FlowStatus.Published,
        PublishedVersion = live?.Version,
        PublishedAt = live?.PublishedAt,
    };

    /// <summary>
    /// A <c>call_flow</c> cycle the saved flow would close, across the tenant's flows (their saved
    /// configurations, this one's as given), as a 422 error naming the node; null when there is none.
    /// </summary>
    public async Task<ValidationErrors?> CheckCallsAsync(TenantId tenant, string key, DecisionFlowConfig config, CancellationToken ct)
    {
        if (!config.IsComposable || !config.CalledFlows().Any()) return null;
        var saved = (await catalog.ListAllAsync(DecisionFlow.Kind, tenant, ct)).ToDictionary(f => f.Id!, f => f.Config, StringComparer.Ordinal);
        saved[key] = config;
        var cycle = FlowCalls.FindCycle(key, k => saved.GetValueOrDefault(k)?.CalledFlows() ?? []);
        if (cycle is null) return null;
        var nodes = config.Nodes!;
        var index = nodes.FindIndex(n => n is Nodes.CallFlowNode { Config.FlowKey: { } callee } && callee == cycle[1]);
        var errors = new ValidationErrors();
        errors.Add($"config.nodes[{index}].config.flowKey", $"calling '{cycle[1]}' closes a call_flow cycle ({string.Join(" → ", cycle)}): cycles are not allowed.");
        return errors;
    }

    /// <summary>Removes a deleted flow's versions and live snapshot.</summary>
    public async Task RemoveVersionsAsync(TenantId tenant, string key, CancellationToken ct)
    {
        await store.DeleteAsync(tenant, PublishedKind, key, null, ct);
        if (snapshots is not null) await snapshots.BumpAsync(tenant, ct);
        foreach (var version in (await store.ListAsync(tenant, VersionKind, ct)).Where(d => d.Id.StartsWith($"{key}|v", StringComparison.Ordinal)))
            await store.DeleteAsync(tenant, VersionKind, version.Id, null, ct);
    }

    private static DecisionFlowVersion Read(CatalogDocument document) => document.Body.Deserialize(KaireonJson.Default.DecisionFlowVersion)!;

    private static CatalogDocument ToDocument(TenantId tenant, string kind, string id, DecisionFlowVersion version, IReadOnlyList<string> refs) => new()
    {
        Tenant = tenant,
        Kind = kind,
        Id = id,
        Body = JsonSerializer.SerializeToElement(version, KaireonJson.Default.DecisionFlowVersion),
        Refs = refs,
    };
}
