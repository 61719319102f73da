using System.Text.Json;
using Kaireon.Core.Behaviors;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;
using Kaireon.Functions.Hosting;
using Kaireon.Functions.Tenancy;

namespace Kaireon.Functions.Behaviors;

/// <summary>
/// Runs <see cref="BehaviorWriteRules"/> before the generic create and replace handlers: a verb that
/// is already another simple behaviour's, or a simple behaviour with flexible children turned
/// flexible, answers 409. A body that does not parse or fails the field rules passes through, so
/// the handler answers it as for any kind (400 naming the fields first, as everywhere).
/// </summary>
internal static class BehaviorWriteFilter
{
    private static readonly string[] Guarded = [$"Create{Behavior.Kind.Route}", $"Replace{Behavior.Kind.Route}"];

    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var name = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        if (!Guarded.Contains(name) || !http.Request.HasJsonContentType()) return await next(context);

        if (await ReadAsync(http.Request) is { } input)
        {
            var id = http.Request.RouteValues.TryGetValue("id", out var routeId) ? routeId as string : null;
            var candidate = Behavior.Kind.Normalize(id is null ? input : input with { Id = id });
            var errors = new ValidationErrors();
            Behavior.Kind.Validate(candidate, errors);
            if (!errors.Any)
            {
                var caller = await Caller.BindAsync(http);
                var existing = await http.RequestServices.GetRequiredService<CatalogService>().ListAllAsync(Behavior.Kind, caller.Tenant, http.RequestAborted);
                if (BehaviorWriteRules.Conflict(candidate, existing) is { } conflict)
                    return HttpResults.From(CatalogResult<Behavior>.Conflict(conflict), http.Response);
            }
        }
        return await next(context);
    }

    /// <summary>The body as a behaviour, or null when it is not one; either way the handler can read it again.</summary>
    private static async Task<Behavior?> ReadAsync(HttpRequest request)
    {
        request.EnableBuffering();
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, KaireonJson.Default.Behavior, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
