using System.Security.Claims;
using System.Text.Encodings.Web;
using Kaireon.Core.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Kaireon.Functions.Tenancy;

/// <summary>
/// Authenticates <c>X-API-Key: krn_…</c> or <c>Authorization: Bearer krn_…</c>. The key decides the
/// tenant; the resolved <see cref="ApiKeyIdentity"/> is kept on the request for <see cref="Caller"/>.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "scope";
    public const string TenantClaim = "tenant";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null) return AuthenticateResult.NoResult();
        var identity = await keys.AuthenticateAsync(presented, Context.RequestAborted);
        if (identity is null) return AuthenticateResult.Fail("The API key is not valid.");

        Context.Features.Set(identity);
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, identity.KeyId), new(TenantClaim, identity.Tenant.Value) };
        claims.AddRange(identity.Scopes.Select(s => new Claim(ScopeClaim, Kaireon.Core.Json.SnakeCaseEnumConverter<ApiScope>.NameOf(s))));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers["X-API-Key"].ToString();
        if (!string.IsNullOrWhiteSpace(header)) return header.Trim();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }
}
