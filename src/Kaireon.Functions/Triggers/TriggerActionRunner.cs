using System.Text.Json;
using Kaireon.Core.Catalog;
using Kaireon.Core.Customers;
using Kaireon.Core.Decisioning;
using Kaireon.Core.Json;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Triggers;

namespace Kaireon.Functions.Triggers;

/// <summary>
/// Runs a firing's actions, one at a time, and logs every attempt (<see cref="TriggerLog"/>): a signed
/// webhook; a recommendation for the customer (<see cref="RecommendService"/>) delivered through the
/// signed webhook; a segment added to the customer's profile. One action failing does not stop the next:
/// <see cref="TriggerActionWorker"/> runs them one by one.
/// </summary>
public sealed partial class TriggerActionRunner(
    WebhookSender webhooks, RecommendService recommend, CustomerProfiles profiles, CatalogService catalog, TriggerLog log,
    TimeProvider clock, ILogger<TriggerActionRunner> logger)
{
    /// <summary>Runs the dispatch's <see cref="TriggerDispatch.NextAction"/>. An action that fails is logged as given up; only a failure to write the log throws.</summary>
    public async Task RunAsync(TriggerDispatch dispatch, CancellationToken ct)
    {
        var (tenant, trigger, firing, index, _) = dispatch;
        var action = trigger.Actions![index];
        try
        {
            switch (action.Type)
            {
                case TriggerActionType.Webhook:
                    await DeliverAsync(tenant, trigger, firing, index, action, recommendation: null, ct);
                    break;
                case TriggerActionType.Recommend:
                    var request = new RecommendRequest
                    {
                        CustomerId = firing.CustomerId,
                        DecisionFlowKey = action.DecisionFlowKey,
                        Channel = action.Channel,
                        Placement = action.Placement,
                        Limit = action.Limit,
                    }.Normalize();
                    var result = await recommend.RecommendAsync(tenant, request, firing.CustomerId, ct);
                    await DeliverAsync(tenant, trigger, firing, index, action, result, ct);
                    break;
                case TriggerActionType.AddSegment:
                    await AddSegmentAsync(tenant, firing.CustomerId, action.Segment!, ct);
                    await LogAsync(tenant, firing, index, action, 1, DeliveryStatus.Delivered, null, null, ct);
                    break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogActionFailed(logger, e, index, firing.Id, tenant.Value);
            await LogAsync(tenant, firing, index, action, 1, DeliveryStatus.GaveUp, null, e.Message, ct);
        }
    }

    private async Task DeliverAsync(
        TenantId tenant, Trigger trigger, TriggerOutcome firing, int index, TriggerAction action, RecommendResult? recommendation, CancellationToken ct)
    {
        var payload = new TriggerWebhookPayload
        {
            FiringId = firing.Id,
            TriggerId = trigger.Id!,
            TriggerName = trigger.Name,
            TenantId = tenant.Value,
            CustomerId = firing.CustomerId,
            FiredAt = firing.At,
            CauseEventId = firing.CauseEventId,
            Supersedes = firing.Supersedes,
            Recommendation = recommendation,
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, KaireonJson.Default.TriggerWebhookPayload);
        var url = new Uri(action.Url!);
        var settings = await catalog.FindAsync(TenantSettings.Kind, tenant, TenantSettings.DocumentId, ct);
        var allowPrivate = WebhookAddressGuard.IsAllowListed(url.Host, settings?.WebhookAllowedHosts);
        var attempts = await webhooks.SendAsync(url, action.Secret!, body, firing.Id, allowPrivate, attempt => LogAsync(tenant, firing, index, action, attempt.Number,
            attempt.Refused ? DeliveryStatus.Refused : attempt.Delivered ? DeliveryStatus.Delivered : DeliveryStatus.Failed, attempt.HttpStatus, attempt.Error, ct), ct);
        if (attempts[^1] is { Delivered: false, Refused: false } last)
            await LogAsync(tenant, firing, index, action, last.Number + 1, DeliveryStatus.GaveUp, last.HttpStatus, $"gave up after {attempts.Count} attempts: {last.Error}", ct);
    }

    private async Task AddSegmentAsync(TenantId tenant, string customerId, string segment, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var profile = await profiles.FindAsync(tenant, customerId, ct);
            if (profile?.Segments.Contains(segment) == true) return;
            var input = new CustomerProfileInput { Attributes = profile?.Attributes, Segments = [.. profile?.Segments ?? [], segment] };
            var saved = await profiles.SaveAsync(tenant, customerId, input, profile?.Etag ?? null, ct);
            if (saved.Outcome is CatalogOutcome.Created or CatalogOutcome.Ok) return;
            if (saved.Outcome != CatalogOutcome.PreconditionFailed) throw new InvalidOperationException($"The profile of {customerId} could not be saved: {saved.Outcome}.");
        }
        throw new InvalidOperationException($"The profile of {customerId} kept changing while adding segment {segment}.");
    }

    private Task LogAsync(TenantId tenant, TriggerOutcome firing, int index, TriggerAction action, int attempt, DeliveryStatus status, int? httpStatus, string? error, CancellationToken ct) =>
        log.AppendAsync(tenant, new TriggerDelivery
        {
            Id = TriggerLog.DeliveryId(firing.Id, index, attempt),
            FiringId = firing.Id,
            TriggerId = firing.TriggerId,
            CustomerId = firing.CustomerId,
            ActionIndex = index,
            Action = action.Type!.Value,
            Attempt = attempt,
            Status = status,
            At = clock.GetUtcNow(),
            Url = action.Url,
            HttpStatus = httpStatus,
            Error = error,
        }, ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action {ActionIndex} of firing {FiringId} of {TenantId} failed")]
    private static partial void LogActionFailed(ILogger logger, Exception exception, int actionIndex, string firingId, string tenantId);
}
