using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Summaries;

/// <summary>
/// A named aggregation shape over interactions: group by <see cref="Dimensions"/>, compute
/// <see cref="Aggregates"/> per UTC day, and serve the rolling <see cref="Windows"/> by summing daily
/// buckets at read time. Each list holds at least one value and no value twice; order carries no
/// meaning. The three system defaults are provisioned with every tenant; they can be changed but not
/// deleted, because dashboards and contact policies count on them.
/// </summary>
public sealed record SummaryDefinition : CatalogEntity
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<SummaryDimension>? Dimensions { get; init; }
    public IReadOnlyList<SummaryAggregate>? Aggregates { get; init; }
    public IReadOnlyList<SummaryWindow>? Windows { get; init; }

    /// <summary>Server-managed: true exactly for the ids of <see cref="Defaults"/>; ignored on input.</summary>
    public bool IsSystemDefault { get; init; }

    /// <summary>The contract's three defaults, with stable ids.</summary>
    public static IReadOnlyList<SummaryDefinition> Defaults { get; } =
    [
        Default("sd_offer_interactions", "Offer Interactions",
            [SummaryDimension.OfferId, SummaryDimension.ChannelId, SummaryDimension.OutcomeKey],
            [SummaryAggregate.Count, SummaryAggregate.SumValue, SummaryAggregate.LastContact],
            [SummaryWindow.OneDay, SummaryWindow.SevenDays, SummaryWindow.ThirtyDays]),
        Default("sd_category_outcomes", "Category Outcomes",
            [SummaryDimension.CategoryId, SummaryDimension.OutcomeKey],
            [SummaryAggregate.Count, SummaryAggregate.SumValue, SummaryAggregate.DistinctOffers],
            [SummaryWindow.SevenDays, SummaryWindow.ThirtyDays, SummaryWindow.NinetyDays]),
        Default("sd_channel_performance", "Channel Performance",
            [SummaryDimension.ChannelId, SummaryDimension.Direction, SummaryDimension.OutcomeKey],
            [SummaryAggregate.Count, SummaryAggregate.SumValue, SummaryAggregate.LastContact],
            [SummaryWindow.OneDay, SummaryWindow.SevenDays, SummaryWindow.ThirtyDays]),
    ];

    private static SummaryDefinition Default(
        string id, string name, SummaryDimension[] dimensions, SummaryAggregate[] aggregates, SummaryWindow[] windows) =>
        new() { Id = id, Name = name, Dimensions = dimensions, Aggregates = aggregates, Windows = windows, IsSystemDefault = true };

    public static readonly CatalogKind<SummaryDefinition> Kind = new()
    {
        Name = "summary_definition",
        Route = "summary-definitions",
        IdPrefix = "sd_",
        Title = "Summary Definition",
        Json = KaireonJson.Default.SummaryDefinition,
        Normalize = static s => s with { IsSystemDefault = Defaults.Any(d => d.Id == s.Id) },
        Validate = static (s, errors) =>
        {
            errors.RequiredText("name", s.Name, 100);
            errors.Text("description", s.Description, 500);
            ValidateList("dimensions", s.Dimensions, SnakeCaseEnumConverter<SummaryDimension>.NameOf, SnakeCaseEnumConverter<SummaryDimension>.Allowed, errors);
            ValidateList("aggregates", s.Aggregates, SnakeCaseEnumConverter<SummaryAggregate>.NameOf, SnakeCaseEnumConverter<SummaryAggregate>.Allowed, errors);
            ValidateList("windows", s.Windows, SummaryWindows.Format, SummaryWindows.Allowed, errors);
        },
        UndeletableReason = static s => s.IsSystemDefault
            ? $"Summary Definition '{s.Id}' is a system default and cannot be deleted; its dimensions, aggregates and windows can be modified."
            : null,
    };

    /// <summary>At least one value, each a defined one, none twice; a bad element is named by its index.</summary>
    private static void ValidateList<T>(string path, IReadOnlyList<T>? values, Func<T, string> name, string allowed, ValidationErrors errors)
        where T : struct, Enum
    {
        if (values is null || values.Count == 0)
        {
            errors.Add(path, $"is required: one or more of {allowed}.");
            return;
        }
        var first = new Dictionary<T, int>();
        for (var i = 0; i < values.Count; i++)
        {
            if (!Enum.IsDefined(values[i])) errors.Add($"{path}[{i}]", $"must be one of {allowed}.");
            else if (!first.TryAdd(values[i], i)) errors.Add($"{path}[{i}]", $"repeats '{name(values[i])}' ({path}[{first[values[i]]}]); each value may appear once.");
        }
    }
}
