using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.Categories;
using Kaireon.Core.Json;
using Kaireon.Core.Offers;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows.Nodes;

/// <summary>Which offers enter the flow: all, those of some categories, or a manual list.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<InventoryScope>))]
public enum InventoryScope { All, Category, Manual }

/// <summary><c>inventory</c>: selects the candidate Offers.</summary>
public sealed record InventoryNode : FlowNode
{
    public InventoryNodeConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override FlowNodeType? Type => FlowNodeType.Inventory;

    protected override void ValidateConfig(string path, ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, path, Config)) Config.Validate(path, errors);
    }

    public override IEnumerable<EntityReference> References(string path) => Config?.References(path) ?? [];
}

/// <summary>
/// Offers in scope that are active, inside their schedule (<c>startDate</c>–<c>endDate</c>) and
/// with budget left; <see cref="IncludeInactive"/> also lets in offers whose status is not
/// <c>active</c> (draft, paused: for previews), never archived ones. Also the v1 <c>stages.inventory</c>.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record InventoryNodeConfig
{
    public InventoryScope Scope { get; set; } = InventoryScope.All;
    public List<string>? CategoryIds { get; init; }
    public List<string>? OfferIds { get; init; }
    public bool IncludeInactive { get; set; }

    internal void Validate(string path, ValidationErrors errors)
    {
        ConfigRules.Ids(errors, $"{path}.categoryIds", CategoryIds, required: Scope == InventoryScope.Category, max: 100);
        ConfigRules.Ids(errors, $"{path}.offerIds", OfferIds, required: Scope == InventoryScope.Manual);
        if (Scope != InventoryScope.Category && CategoryIds is { Count: > 0 }) errors.Add($"{path}.categoryIds", "is only for scope category.");
        if (Scope != InventoryScope.Manual && OfferIds is { Count: > 0 }) errors.Add($"{path}.offerIds", "is only for scope manual.");
    }

    internal IEnumerable<EntityReference> References(string path) =>
    [
        .. ConfigRules.References($"{path}.categoryIds", CategoryIds, Category.Kind.Name),
        .. ConfigRules.References($"{path}.offerIds", OfferIds, Offer.Kind.Name),
    ];
}
