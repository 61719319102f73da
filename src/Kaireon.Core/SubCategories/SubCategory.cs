using Kaireon.Core.Catalog;
using Kaireon.Core.Categories;
using Kaireon.Core.Json;

namespace Kaireon.Core.SubCategories;

/// <summary>A child grouping under a Category; its custom fields add to the Category's.</summary>
public sealed record SubCategory : CatalogEntity
{
    public string Name { get; set; } = "";
    public string? Description { get; init; }
    public string? CategoryId { get; init; }
    public int DisplayOrder { get; init; }
    public List<CustomFieldDefinition>? CustomFields { get; init; }

    public static readonly CatalogKind<SubCategory> Kind = new()
    {
        Name = "sub_category",
        Route = "sub-categories",
        IdPrefix = "subcat_",
        Title = "Sub-Category",
        Json = KaireonJson.Default.SubCategory,
        Validate = static (s, errors) =>
        {
            errors.RequiredText("name", s.Name, 200);
            errors.Text("description", s.Description, 2000);
            errors.Reference("categoryId", s.CategoryId, required: true);
            errors.Range("displayOrder", s.DisplayOrder, 0, 10_000);
            CustomFieldDefinition.ValidateAll("customFields", s.CustomFields, errors);
        },
        References = static s => [new("categoryId", Category.Kind.Name, s.CategoryId)],
        ValidateWithReferences = static (s, refs, errors) =>
        {
            var inherited = refs.Find(Category.Kind, s.CategoryId)?.CustomFields ?? [];
            for (var i = 0; i < (s.CustomFields?.Count ?? 0); i++)
            {
                if (inherited.Any(f => f.Key == s.CustomFields![i].Key))
                    errors.Add($"customFields[{i}].key", $"'{s.CustomFields![i].Key}' is already defined by category '{s.CategoryId}'.");
            }
        },
    };
}
