using Kaireon.Core.Tenancy;

namespace Kaireon.Functions.Tenancy;

/// <summary>
/// <c>X-Tenant-Id</c> is optional, but when sent it must name the key's tenant (403 otherwise): a
/// client that believes it talks to one tenant must not silently act on another.
/// </summary>
public sealed class TenantHeaderCheck(RequestDelegate next)
{
    public const string Header = "X-Tenant-Id";

    public Task InvokeAsync(HttpContext context)
    {
        var claimed = context.Request.Headers[Header].ToString();
        if (!string.IsNullOrEmpty(claimed) && context.Features.Get<ApiKeyIdentity>() is { } identity && claimed != identity.Tenant.Value)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Forbidden",
                detail: $"{Header} does not match the API key's tenant.").ExecuteAsync(context);
        }
        return next(context);
    }
}
