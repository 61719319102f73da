using System.Text.Json;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Customers;

/// <summary>
/// Customer profiles: document <c>profile</c> in the customer's partition <c>(tenant, customerId)</c>
/// of the customers container, beside the customer's day documents; one point read for Recommend.
/// </summary>
public sealed class CustomerProfiles(ICustomerStore customers, TimeProvider clock)
{
    public const string DocumentId = "profile";
    public const int MaxIdLength = 128;
    public const int MaxSegments = 100;
    public const int MaxSegmentLength = 128;
    public const int MaxAttributesBytes = 64 * 1024;

    /// <summary>1–128 characters, no control characters: the same rule Respond applies to customer ids.</summary>
    public static bool IsValidId(string? customerId) =>
        !string.IsNullOrWhiteSpace(customerId) && customerId.Length <= MaxIdLength && !customerId.Any(char.IsControl);

    public async Task<CustomerProfile?> FindAsync(TenantId tenant, string customerId, CancellationToken ct)
    {
        if (!IsValidId(customerId)) return null;
        var document = await customers.FindAsync(new DocumentPartition(tenant, customerId), DocumentId, ct);
        return document is null ? null : Read(document);
    }

    /// <summary>
    /// Replaces the profile, creating it when absent (201). With <paramref name="ifMatch"/> the stored
    /// etag must equal it; against no profile at all that fails too (412).
    /// </summary>
    public async Task<CatalogResult<CustomerProfile>> SaveAsync(
        TenantId tenant, string customerId, CustomerProfileInput input, string? ifMatch, CancellationToken ct)
    {
        var errors = Validate(customerId, input);
        if (errors.Any) return CatalogResult<CustomerProfile>.Invalid(errors);

        var partition = new DocumentPartition(tenant, customerId);
        for (var attempt = 0; attempt < DocumentUpdate.MaxAttempts; attempt++)
        {
            var stored = await customers.FindAsync(partition, DocumentId, ct);
            if (ifMatch is not null && (stored is null || !ETags.Satisfies(ifMatch, stored.Etag))) return CatalogResult<CustomerProfile>.PreconditionFailed();
            var now = clock.GetUtcNow();
            var profile = new CustomerProfile
            {
                Id = customerId,
                Attributes = input.Attributes ?? [],
                Segments = [.. (input.Segments ?? []).OfType<string>().Distinct(StringComparer.Ordinal)],
                CreatedAt = stored is null ? now : Read(stored).CreatedAt,
                UpdatedAt = now,
            };
            var document = new PartitionedDocument { Partition = partition, Id = DocumentId, Body = JsonSerializer.SerializeToElement(profile, KaireonJson.Default.CustomerProfile) };
            var written = stored is null ? await customers.CreateAsync(document, ct) : await customers.ReplaceAsync(document, stored.Etag, ct);
            if (written.Ok) return new CatalogResult<CustomerProfile>(stored is null ? CatalogOutcome.Created : CatalogOutcome.Ok, profile with { Etag = written.Document!.Etag });
            // Another writer got there between the read and the write: a conditional PUT has lost, a plain one tries again.
            if (ifMatch is not null) return CatalogResult<CustomerProfile>.PreconditionFailed();
        }
        return CatalogResult<CustomerProfile>.Conflict("The profile kept changing under concurrent writes; try again.");
    }

    public static ValidationErrors Validate(string customerId, CustomerProfileInput input)
    {
        var errors = new ValidationErrors();
        if (!IsValidId(customerId)) errors.Add("id", $"must be 1–{MaxIdLength} characters without control characters.");
        if (input.Segments is { } segments)
        {
            errors.MaxCount("segments", segments, MaxSegments);
            for (var i = 0; i < segments.Count; i++) errors.RequiredText($"segments[{i}]", segments[i], MaxSegmentLength);
        }
        if (input.Attributes is { } attributes &&
            JsonSerializer.SerializeToUtf8Bytes(attributes, KaireonJson.Default.DictionaryStringJsonElement).Length > MaxAttributesBytes)
            errors.Add("attributes", $"must be at most {MaxAttributesBytes / 1024} KB of JSON.");
        return errors;
    }

    public static CustomerProfile Read(PartitionedDocument document) =>
        document.Body.Deserialize(KaireonJson.Default.CustomerProfile)! with { Etag = document.Etag };
}
