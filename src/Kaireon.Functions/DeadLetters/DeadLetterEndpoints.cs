using Kaireon.Core.Catalog;
using Kaireon.Core.DeadLetters;
using Kaireon.Core.Interactions;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;
using Kaireon.Functions.Hosting;
using Kaireon.Functions.Interactions;
using Kaireon.Functions.Tenancy;

namespace Kaireon.Functions.DeadLetters;

public static class DeadLetterEndpoints
{
    public sealed record ReplayResponse(string Id, string EventId, bool Duplicate, DateTimeOffset ReplayedAt);

    public static RouteGroupBuilder MapDeadLetterEndpoints(this IEndpointRouteBuilder api)
    {
        var letters = api.MapGroup("/dead-letters").WithTags("Dead letters");
        letters.MapGet("/", ListDeadLetters).RequireConfigRead().Produces<Page<DeadLetter>>().ProducesValidationProblem();
        letters.MapGet("/{id}", GetDeadLetter).RequireConfigRead().Produces<DeadLetter>().ProducesProblem(StatusCodes.Status404NotFound);
        letters.MapPost("/{id}/replay", Replay).RequireConfigWrite().Produces<ReplayResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return letters;
    }

    /// <summary>The tenant's parked events of the last 90 days, newest first, with when each was replayed.</summary>
    private static async Task<IResult> ListDeadLetters(Caller caller, DeadLetterStore store, string? limit, string? cursor, CancellationToken ct)
    {
        if (!PageQuery.TryParse(limit, cursor, out var page, out var errors)) return HttpResults.Validation(errors);
        return Results.Ok(await store.ListAsync(caller.Tenant, page.Limit, page.Cursor, ct));
    }

    private static async Task<IResult> GetDeadLetter(string id, Caller caller, DeadLetterStore store, CancellationToken ct) =>
        await store.FindAsync(caller.Tenant, id, ct) is { } letter ? Results.Ok(letter) : HttpResults.NotFound();

    /// <summary>
    /// Runs a parked event through ingestion again — once its cause is fixed (an outcome type added,
    /// an offer created). It is recorded like a new event, so a replay that already took effect is a
    /// duplicate, never a second count.
    /// </summary>
    private static async Task<IResult> Replay(
        string id, Caller caller, DeadLetterStore store, InteractionResolvers resolvers, InteractionRecorder recorder, TimeProvider clock, CancellationToken ct)
    {
        if (await store.FindAsync(caller.Tenant, id, ct) is not { } letter) return HttpResults.NotFound();
        if (letter.ReplayedAt is not null)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: $"Dead letter '{id}' was replayed at {letter.ReplayedAt:O}.");

        var read = await new StreamBodyReader(resolvers, caller.Tenant.Value).ReadAsync(letter.Body, null, ct);
        if (read.Tenant is { } tenant && tenant != caller.Tenant) return HttpResults.NotFound();
        if (read.Event is null)
        {
            var errors = new ValidationErrors();
            foreach (var (path, messages) in read.Errors ?? new Dictionary<string, string[]> { ["body"] = [read.Reason!] })
                foreach (var message in messages) errors.Add(path, message);
            return HttpResults.Validation(errors, StatusCodes.Status422UnprocessableEntity);
        }

        var recorded = (await recorder.RecordAsync(caller.Tenant, [read.Event.Interaction], ct))[0];
        await store.MarkReplayedAsync(caller.Tenant, id, ct);
        return Results.Ok(new ReplayResponse(id, recorded.Interaction.EventId, recorded.Duplicate, clock.GetUtcNow()));
    }
}
