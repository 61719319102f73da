using System.Text.Json;
using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.Categories;
using Kaireon.Core.Json;
using Kaireon.Core.SubCategories;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Offers;

[JsonConverter(typeof(SnakeCaseEnumConverter<OfferStatus>))]
public enum OfferStatus { Draft, Active, Paused, Archived }

/// <summary>
/// A decisioning candidate. Recommend considers it while <see cref="Status"/> is active and the
/// request time lies in [<see cref="StartDate"/>, <see cref="EndDate"/>) (either end open when null).
/// </summary>
public sealed record Offer : CatalogEntity
{
    public string Name { get; set; } = "";
    public string? Description { get; init; }
    public string? CategoryId { get; init; }
    public string? SubCategoryId { get; init; }

    /// <summary>0–100; <c>priority_weighted</c> scoring uses priority/100.</summary>
    public int Priority { get; set; } = 50;

    /// <summary>0–100; <c>priority_weighted</c> scoring uses weight/100.</summary>
    public double Weight { get; set; } = 100;

    public OfferStatus Status { get; set; } = OfferStatus.Active;
    public DateTimeOffset? StartDate { get; init; }
    public DateTimeOffset? EndDate { get; init; }
    public OfferBudget? Budget { get; init; }

    /// <summary>Offers marked mandatory skip most contact policies, but still respect frequency and cross-channel caps.</summary>
    public bool Mandatory { get; init; }

    public Dictionary<string, JsonElement>? CustomFields { get; init; }

    public static readonly CatalogKind<Offer> Kind = new()
    {
        Name = "offer",
        Route = "offers",
        IdPrefix = "offer_",
        Title = "Offer",
        Json = KaireonJson.Default.Offer,
        Validate = static (o, errors) =>
        {
            errors.RequiredText("name", o.Name, 200);
            errors.Text("description", o.Description, 2000);
            errors.Reference("categoryId", o.CategoryId, required: true);
            errors.Reference("subCategoryId", o.SubCategoryId, required: false);
            errors.Range("priority", o.Priority, 0, 100);
            errors.Range("weight", o.Weight, 0, 100);
            if (o.StartDate is { } start && o.EndDate is { } end && end <= start) errors.Add("endDate", "must be after startDate.");
            o.Budget?.Validate("budget", errors);
            if (o.CustomFields?.Count > CustomFieldDefinition.MaxFields * 2) errors.Add("customFields", "has too many values.");
        },
        References = static o => [new("categoryId", Category.Kind.Name, o.CategoryId), new("subCategoryId", SubCategory.Kind.Name, o.SubCategoryId)],
        ValidateWithReferences = static (o, refs, errors) =>
        {
            var subCategory = refs.Find(SubCategory.Kind, o.SubCategoryId);
            if (subCategory is not null && subCategory.CategoryId != o.CategoryId)
                errors.Add("subCategoryId", $"sub-category '{o.SubCategoryId}' belongs to category '{subCategory.CategoryId}', not '{o.CategoryId}'.");
            var fields = (refs.Find(Category.Kind, o.CategoryId)?.CustomFields ?? []).Concat(subCategory?.CustomFields ?? []);
            ValidateCustomFields(o.CustomFields ?? [], [.. fields], errors);
        },
    };

    private static void ValidateCustomFields(Dictionary<string, JsonElement> values, List<CustomFieldDefinition> fields, ValidationErrors errors)
    {
        foreach (var (key, value) in values)
        {
            var path = $"customFields.{key}";
            var field = fields.FirstOrDefault(f => f.Key == key);
            if (field is null) errors.Add(path, "is not a custom field of the offer's category or sub-category.");
            else if (field.IsComputed) errors.Add(path, "is computed from its formula and cannot be set.");
            else if (!field.Accepts(value)) errors.Add(path, $"must be a {CustomFieldDefinition.Describe(field.Type!.Value)}.");
        }
        foreach (var field in fields.Where(f => f.Required && f.DefaultValue is null && !values.ContainsKey(f.Key)))
            errors.Add($"customFields.{field.Key}", "is required by the offer's category.");
    }
}
