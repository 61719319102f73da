using System.Text.RegularExpressions;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Categories;

/// <summary>A top-level grouping of Offers, defining the custom fields its Offers carry.</summary>
public sealed partial record Category : CatalogEntity
{
    public string Name { get; set; } = "";
    public string? Description { get; init; }
    public int DisplayOrder { get; init; }
    public string? Color { get; init; }
    public List<CustomFieldDefinition>? CustomFields { get; init; }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex ColorPattern();

    public static readonly CatalogKind<Category> Kind = new()
    {
        Name = "category",
        Route = "categories",
        IdPrefix = "cat_",
        Title = "Category",
        Json = KaireonJson.Default.Category,
        Validate = static (c, errors) =>
        {
            errors.RequiredText("name", c.Name, 200);
            errors.Text("description", c.Description, 2000);
            errors.Range("displayOrder", c.DisplayOrder, 0, 10_000);
            errors.Pattern("color", c.Color, ColorPattern(), "a hex colour such as #1E88E5");
            CustomFieldDefinition.ValidateAll("customFields", c.CustomFields, errors);
        },
    };
}
