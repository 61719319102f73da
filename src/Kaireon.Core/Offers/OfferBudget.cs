using System.Text.RegularExpressions;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Offers;

/// <summary>
/// How much an Offer may spend. <see cref="Spent"/> grows with conversions; once it reaches
/// <see cref="Total"/> a <c>budget_exhausted</c> contact policy suppresses the Offer.
/// </summary>
public sealed partial record OfferBudget
{
    public decimal? Total { get; init; }
    public decimal Spent { get; init; }
    public string? Currency { get; init; }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    public void Validate(string path, ValidationErrors errors)
    {
        if (Total is null) errors.Add($"{path}.total", "is required when a budget is given.");
        else if (Total < 0) errors.Add($"{path}.total", "must be 0 or more.");
        if (Spent < 0) errors.Add($"{path}.spent", "must be 0 or more.");
        errors.Pattern($"{path}.currency", Currency, CurrencyPattern(), "an ISO 4217 code such as EUR");
    }
}
