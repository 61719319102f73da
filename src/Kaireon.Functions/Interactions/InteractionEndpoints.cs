using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kaireon.Core.Catalog;
using Kaireon.Core.Interactions;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;
using Kaireon.Functions.Hosting;
using Kaireon.Functions.Tenancy;

namespace Kaireon.Functions.Interactions;

/// <summary>
/// Respond and events: validated, resolved against the catalog, written to the customer's day
/// document and published to the stream before the 202 (design §4).
/// </summary>
public static class InteractionEndpoints
{
    public const int MaxBatch = 500;
    public const int MaxIdempotencyKeyLength = 256;

    public static RouteGroupBuilder MapInteractionEndpoints(this IEndpointRouteBuilder api)
    {
        var runtime = api.MapGroup("").WithTags("Interactions").RequireScopes(ApiScope.Runtime);
        runtime.MapPost("/respond", Respond).Accepts<RespondRequest>("application/json")
            .Produces<RespondResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem();
        runtime.MapPost("/events", Events).Accepts<EventRequest[]>("application/json")
            .Produces<EventBatchResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem();
        return runtime;
    }

    private static async Task<IResult> Respond(
        Caller caller, InteractionResolvers resolvers, InteractionRecorder recorder, TimeProvider clock, HttpRequest request, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(request, InteractionJson.Default.RespondRequest, ct);
        var errors = new ValidationErrors();
        var key = body.IdempotencyKey ?? NullIfEmpty(request.Headers["Idempotency-Key"].ToString());
        if (key is null) errors.Add("idempotencyKey", "is required, in the body or the Idempotency-Key header: a repeat with the same key counts once.");
        else errors.Text("idempotencyKey", key, MaxIdempotencyKeyLength);

        var input = new InteractionInput
        {
            EventId = key is null ? "-" : RespondEventId(caller.Tenant, key),
            CustomerId = body.CustomerId,
            Type = body.Outcome ?? body.InteractionType,
            Timestamp = body.Timestamp,
            OfferId = body.OfferId,
            CreativeId = body.CreativeId ?? body.TreatmentId,
            ChannelId = body.ChannelId,
            PlacementId = body.PlacementId,
            Direction = body.Direction,
            Value = body.ConversionValue ?? body.Value,
            RecommendationId = body.RecommendationId ?? body.InteractionId,
            Rank = body.Rank,
            Context = body.Context,
            Metadata = body.OutcomeDetails,
            Attributes = body.Attributes,
        };
        var interaction = await resolvers.For(caller.Tenant).ResolveAsync(input, outcomeRequired: true, "", errors, ct);
        if (interaction is null || errors.Any) return HttpResults.Validation(errors);

        var recorded = (await recorder.RecordAsync(caller.Tenant, [interaction], ct))[0];
        var stored = recorded.Interaction;
        return Results.Json(
            new RespondResponse(stored.EventId, stored.RecommendationId, stored.OfferId, stored.CreativeId, stored.ChannelId, stored.Type, recorded.Duplicate),
            InteractionJson.Default.RespondResponse, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// One event (an object) or a batch (an array, or <c>{ "events": [...] }</c>) of at most 500; bad events do not stop good ones.
    /// An accepted event is durable in the event stream when this answers; the customer's summaries, metrics, behaviours and
    /// triggers reflect it once the stream has applied it, within seconds, as for events sent to the stream directly
    /// (Respond is the read-your-writes path). A repeated event id answers <c>duplicate</c> and counts once.
    /// </summary>
    private static async Task<IResult> Events(
        Caller caller, InteractionResolvers resolvers, InteractionRecorder recorder, TimeProvider clock, HttpRequest request, CancellationToken ct)
    {
        using var document = await JsonBody.ReadAsync(request, Kaireon.Core.Json.KaireonJson.Default.JsonDocument, ct);
        var root = document.RootElement;
        var single = root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("events", out _);
        var batch = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("events", out var events) ? events : root;
        if (!single && batch.ValueKind != JsonValueKind.Array) return HttpResults.Validation(Error("events", "must be an event object or an array of events."));
        List<JsonElement> items = single ? [root] : [.. batch.EnumerateArray()];
        if (items.Count == 0) return HttpResults.Validation(Error("events", "must hold at least one event."));
        if (items.Count > MaxBatch) return HttpResults.Validation(Error("events", $"must hold at most {MaxBatch} events; send more in several requests."));

        var resolver = resolvers.For(caller.Tenant);
        var results = new EventResult?[items.Count];
        var valid = new List<(int Index, Interaction Interaction)>();
        var allErrors = new ValidationErrors();
        for (var i = 0; i < items.Count; i++)
        {
            var prefix = single ? "" : $"[{i}].";
            var errors = new ValidationErrors();
            EventRequest? item = null;
            try
            {
                item = items[i].ValueKind == JsonValueKind.Object ? items[i].Deserialize(InteractionJson.Default.EventRequest) : null;
                if (item is null) errors.Add(single ? "$" : $"[{i}]", "must be an event object.");
            }
            catch (JsonException e)
            {
                errors.Add($"{prefix}{e.Path?.TrimStart('$', '.') ?? ""}".TrimEnd('.'), "has the wrong type.");
            }
            Interaction? interaction = null;
            if (item is not null)
            {
                var input = item.ToInput(single ? NullIfEmpty(request.Headers["Idempotency-Key"].ToString()) : null);
                interaction = await resolver.ResolveAsync(input, outcomeRequired: false, prefix, errors, ct);
            }
            if (interaction is not null) valid.Add((i, interaction));
            else
            {
                results[i] = new EventResult(i, item?.EventId, "rejected", errors.ToDictionary());
                foreach (var (path, messages) in errors.ToDictionary()) foreach (var message in messages) allErrors.Add(path, message);
            }
        }
        if (valid.Count == 0) return HttpResults.Validation(allErrors);

        var recorded = await recorder.AcceptAsync(caller.Tenant, [.. valid.Select(v => v.Interaction)], ct);
        for (var j = 0; j < valid.Count; j++)
            results[valid[j].Index] = new EventResult(valid[j].Index, valid[j].Interaction.EventId, recorded[j].Duplicate ? "duplicate" : "accepted");
        var response = new EventBatchResponse(
            results.Count(r => r!.Status == "accepted"), results.Count(r => r!.Status == "duplicate"), results.Count(r => r!.Status == "rejected"), results!);
        return Results.Json(response, InteractionJson.Default.EventBatchResponse, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Respond's event id: derived from tenant and idempotency key, so a repeat is the same event.</summary>
    public static string RespondEventId(TenantId tenant, string idempotencyKey) =>
        "rsp_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant.Value}\n{idempotencyKey}")))[..40];

    private static ValidationErrors Error(string path, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(path, message);
        return errors;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
