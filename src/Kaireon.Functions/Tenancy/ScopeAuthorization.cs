using Kaireon.Core.Json;
using Kaireon.Core.Tenancy;

namespace Kaireon.Functions.Tenancy;

/// <summary>Endpoint conventions for the contract's scopes (admin, runtime, read, platform).</summary>
public static class ScopeAuthorization
{
    /// <summary>The caller's key must hold at least one of <paramref name="anyOf"/>; otherwise 403 (401 without a key).</summary>
    public static TBuilder RequireScopes<TBuilder>(this TBuilder builder, params ApiScope[] anyOf) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(ApiKeyAuthentication.ScopeClaim, anyOf.Select(SnakeCaseEnumConverter<ApiScope>.NameOf)));

    /// <summary>Configuration reads: <c>read</c> or <c>admin</c>.</summary>
    public static TBuilder RequireConfigRead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireScopes(ApiScope.Read, ApiScope.Admin);

    /// <summary>Configuration changes: <c>admin</c> only; a runtime or read key gets 403.</summary>
    public static TBuilder RequireConfigWrite<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireScopes(ApiScope.Admin);

    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section)
            .PostConfigure<IServiceProvider>(StandalonePepper.Fill)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorization();
        return services;
    }
}
