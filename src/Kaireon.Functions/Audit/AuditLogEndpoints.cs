using Kaireon.Core.Audit;
using Kaireon.Core.Catalog;
using Kaireon.Functions.Hosting;
using Kaireon.Functions.Tenancy;

namespace Kaireon.Functions.Audit;

public static class AuditLogEndpoints
{
    public static RouteGroupBuilder MapAuditLogEndpoints(this IEndpointRouteBuilder api)
    {
        var audit = api.MapGroup("/audit-log").WithTags("Audit log").RequireConfigRead();
        audit.MapGet("/", ListAudit).Produces<Page<AuditEntry>>().ProducesValidationProblem();
        return audit;
    }

    /// <summary>
    /// Configuration changes, newest first, from <c>from</c> (default: 30 days ago) to <c>to</c>
    /// (default: now), optionally for one <c>entityKind</c> and <c>entityId</c>.
    /// </summary>
    private static async Task<IResult> ListAudit(
        Caller caller, AuditLog log, string? from, string? to, string? entityKind, string? entityId, string? limit, string? cursor, CancellationToken ct)
    {
        PageQuery.TryParse(limit, cursor, out var page, out var errors);
        var (start, end) = TimeRangeQuery.Parse(from, to, errors);
        if (errors.Any) return HttpResults.Validation(errors);
        return Results.Ok(await log.ListAsync(caller.Tenant, start, end, entityKind, entityId, page.Limit, page.Cursor, ct));
    }
}
