using System.ComponentModel.DataAnnotations;
using Kaireon.Core.Tenancy;

namespace Kaireon.Functions.Tenancy;

/// <summary>The tenant and key a fresh installation starts with (design §9).</summary>
public sealed class BootstrapOptions : IValidatableObject
{
    public const string Section = "Kaireon:Bootstrap";

    /// <summary>An admin + platform key (<c>krn_…</c>) for the bootstrap tenant; without one a key is generated once and logged.</summary>
    public string? ApiKey { get; set; }

    public string TenantId { get; set; } = "default";

    public string TenantName { get; set; } = "Default tenant";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Kaireon.Core.Tenancy.TenantId.IsValid(TenantId))
            yield return new ValidationResult("Kaireon:Bootstrap:TenantId must be [a-z0-9_-], 1-64 characters, not starting with _.", [nameof(TenantId)]);
        if (ApiKey is { } key && (!key.StartsWith(ApiKeyService.SecretPrefix, StringComparison.Ordinal) || key.Length < 24))
            yield return new ValidationResult($"Kaireon:Bootstrap:ApiKey must start with {ApiKeyService.SecretPrefix} and be at least 24 characters.", [nameof(ApiKey)]);
    }
}
