using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.DecisionTraces;
using Kaireon.Core.Offers;

namespace Kaireon.Core.Decisioning.Steps;

/// <summary><c>inventory</c>: the offers in scope (all, categories, a manual list) that are active, in their schedule window, with budget left, and not excluded.</summary>
public static class InventoryStep
{
    public static List<Candidate> Run(InventoryNodeConfig config, DecisionContext context, List<RemovedCandidate> removed)
    {
        var offers = config.Scope switch
        {
            InventoryScope.Category => context.Catalog.Offers.All.Where(o => o.CategoryId is not null && (config.CategoryIds ?? []).Contains(o.CategoryId)),
            InventoryScope.Manual => (config.OfferIds ?? []).Select(context.Catalog.Offers.Find).OfType<Offer>(),
            _ => context.Catalog.Offers.All,
        };
        var excluded = context.Request.ExcludeOffers?.ToHashSet(StringComparer.Ordinal) ?? [];
        var candidates = new List<Candidate>(context.Catalog.Offers.All.Count);
        foreach (var offer in offers)
        {
            var reason = offer switch
            {
                _ when excluded.Contains(offer.Id!) => "excluded by the request",
                { Status: not OfferStatus.Active } when !config.IncludeInactive => $"status {offer.Status.ToString().ToLowerInvariant()}",
                { StartDate: { } start } when context.Now < start => "before its start date",
                { EndDate: { } end } when context.Now >= end => "past its end date",
                { Budget: { Total: { } total } budget } when budget.Spent >= total => "budget exhausted",
                _ => null,
            };
            if (reason is null) candidates.Add(new Candidate(offer));
            else if (context.Traced) removed.Add(new RemovedCandidate(offer.Id!, reason));
        }
        return candidates;
    }
}
