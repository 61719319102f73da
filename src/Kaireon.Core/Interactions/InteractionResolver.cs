using System.Text.RegularExpressions;
using Kaireon.Core.Catalog;
using Kaireon.Core.Channels;
using Kaireon.Core.Creatives;
using Kaireon.Core.Offers;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Placements;
using Kaireon.Core.Recommendations;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Interactions;

/// <summary>
/// Turns an <see cref="InteractionInput"/> into an <see cref="Interaction"/>: validates it (every bad
/// field under its path), resolves offer and channel from the creative, category and sub-category
/// from the offer, the slot type from the placement, the outcome type's category, and the
/// direction's default. The catalog comes from the tenant's in-memory snapshot; an id the snapshot
/// does not know (created a moment ago on another instance) is looked up in the store before it is
/// called missing, so the snapshot's staleness never rejects a valid interaction.
/// </summary>
public sealed partial class InteractionResolver(
    CatalogSnapshots snapshots, CatalogService catalog, RecommendationLog recommendations, TenantId tenant, TimeProvider clock)
{
    /// <summary>How far in the future a timestamp may be (clock skew), per the contract.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    public static partial Regex EventIdPattern();

    [GeneratedRegex("^[a-z][a-z0-9_.:-]{0,63}$")]
    private static partial Regex TypePattern();

    /// <summary>The interaction, or null with <paramref name="errors"/> naming every problem under <paramref name="prefix"/>.</summary>
    public async Task<Interaction?> ResolveAsync(InteractionInput input, bool outcomeRequired, string prefix, ValidationErrors errors, CancellationToken ct)
    {
        var before = errors.Count;
        var now = clock.GetUtcNow();
        if (input.EventId is null || !EventIdPattern().IsMatch(input.EventId)) errors.Add($"{prefix}eventId", "is required: 1–128 characters of letters, digits and . _ : -");
        if (string.IsNullOrWhiteSpace(input.CustomerId) || input.CustomerId.Length > 128 || input.CustomerId.Any(char.IsControl))
            errors.Add($"{prefix}customerId", "is required: 1–128 characters.");
        if (input.Timestamp is { } timestamp && timestamp > now + FutureTolerance)
            errors.Add($"{prefix}timestamp", $"must not be more than {FutureTolerance.TotalMinutes:0} minutes in the future.");
        if (input.Rank is < 1) errors.Add($"{prefix}rank", "must be 1 or more.");

        OutcomeType? outcome = null;
        if (string.IsNullOrEmpty(input.Type)) errors.Add($"{prefix}{(outcomeRequired ? "outcome" : "type")}", "is required.");
        else if ((outcome = await FindAsync(OutcomeType.Kind, input.Type, ct)) is null)
        {
            if (outcomeRequired) errors.Add($"{prefix}outcome", $"'{input.Type}' is not an outcome type of this tenant.");
            else if (!TypePattern().IsMatch(input.Type)) errors.Add($"{prefix}type", "must be an outcome key or a behaviour verb: lower case, 1–64 characters.");
        }

        var decided = await DecisionAsync(input, prefix, errors, ct);
        var creativeId = input.CreativeId ?? decided?.CreativeId;
        var creative = await ReferenceAsync(Creative.Kind, creativeId, $"{prefix}creativeId", errors, ct);
        var offerId = input.OfferId ?? decided?.OfferId ?? creative?.OfferId;
        var channelId = input.ChannelId ?? decided?.ChannelId ?? creative?.ChannelId;
        var placementId = input.PlacementId ?? decided?.PlacementId ?? creative?.PlacementId;
        if (creative is not null)
        {
            if (input.OfferId is not null && input.OfferId != creative.OfferId) errors.Add($"{prefix}offerId", $"creative '{creative.Id}' belongs to offer '{creative.OfferId}'.");
            if (input.ChannelId is not null && input.ChannelId != creative.ChannelId) errors.Add($"{prefix}channelId", $"creative '{creative.Id}' belongs to channel '{creative.ChannelId}'.");
        }
        var offer = await ReferenceAsync(Offer.Kind, offerId, $"{prefix}offerId", errors, ct);
        await ReferenceAsync(Channel.Kind, channelId, $"{prefix}channelId", errors, ct);
        var placement = await ReferenceAsync(Placement.Kind, placementId, $"{prefix}placementId", errors, ct);
        if (errors.Count > before) return null;

        var category = outcome?.Category;
        return new Interaction
        {
            EventId = input.EventId!,
            CustomerId = input.CustomerId!,
            Type = input.Type!,
            Timestamp = (input.Timestamp ?? now).ToUniversalTime(),
            Outcome = category,
            Direction = input.Direction ?? (category == OutcomeCategory.Impression ? Direction.Outbound : Direction.Inbound),
            OfferId = offerId,
            CreativeId = creativeId,
            ChannelId = channelId,
            PlacementId = placementId,
            CategoryId = offer?.CategoryId,
            SubCategoryId = offer?.SubCategoryId,
            PlacementType = placement?.SlotType,
            Value = input.Value,
            RecommendationId = input.RecommendationId,
            Rank = input.Rank,
            Context = input.Context,
            Metadata = input.Metadata,
            Attributes = input.Attributes,
        };
    }

    /// <summary>
    /// The decision a <c>recommendationId</c> + <c>rank</c> names (recorded by Recommend for this
    /// customer), or null when the input names none; explicit ids in the input still win.
    /// </summary>
    private async Task<RecordedDecision?> DecisionAsync(InteractionInput input, string prefix, ValidationErrors errors, CancellationToken ct)
    {
        if (input.RecommendationId is null || input.Rank is null) return null;
        var recorded = EntityId.IsValid(input.RecommendationId) ? await recommendations.FindAsync(tenant, input.RecommendationId, ct) : null;
        if (recorded is null || recorded.CustomerId != input.CustomerId)
        {
            errors.Add($"{prefix}recommendationId", $"'{input.RecommendationId}' is not a recommendation made for this customer in the last {RecommendationLog.Retention.TotalDays:0} days.");
            return null;
        }
        var decision = recorded.Decisions.FirstOrDefault(d => d.Rank == input.Rank);
        if (decision is null) errors.Add($"{prefix}rank", $"must be one of the recommendation's ranks, 1–{recorded.Decisions.Count}.");
        return decision;
    }

    private async Task<T?> ReferenceAsync<T>(CatalogKind<T> kind, string? id, string path, ValidationErrors errors, CancellationToken ct) where T : CatalogEntity
    {
        if (id is null) return null;
        var found = await FindAsync(kind, id, ct);
        if (found is null) errors.Add(path, $"{kind.Title} '{id}' does not exist.");
        return found;
    }

    private async Task<T?> FindAsync<T>(CatalogKind<T> kind, string id, CancellationToken ct) where T : CatalogEntity =>
        (await snapshots.GetAsync(tenant, kind, ct)).Find(id) ?? await catalog.FindAsync(kind, tenant, id, ct);
}

/// <summary>Makes the resolver of a tenant: one singleton holding what every resolver reads from.</summary>
public sealed class InteractionResolvers(CatalogSnapshots snapshots, CatalogService catalog, RecommendationLog recommendations, TimeProvider clock)
{
    public InteractionResolver For(TenantId tenant) => new(snapshots, catalog, recommendations, tenant, clock);
}
