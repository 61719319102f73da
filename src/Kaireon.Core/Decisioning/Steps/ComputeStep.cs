using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.Formulas;

namespace Kaireon.Core.Decisioning.Steps;

/// <summary>
/// <c>compute</c>: evaluates the node's formula fields per candidate into its properties, after the
/// formula custom fields of the candidate's category when <c>includeCategoryFormulas</c> is on
/// (the node's own fields override a category field of the same key).
/// </summary>
public static class ComputeStep
{
    public static List<Candidate> Run(ComputeNodeConfig config, List<Candidate> candidates, DecisionContext context)
    {
        foreach (var group in candidates.GroupBy(c => c.Offer.CategoryId ?? ""))
        {
            var settings = new List<(string Key, System.Text.Json.JsonElement? Value, Formula? Formula)>();
            if (config.IncludeCategoryFormulas && context.Catalog.Categories.Find(group.Key) is { } category)
            {
                foreach (var field in (category.CustomFields ?? []).Where(f => f.Formula is not null && (config.Fields ?? []).All(own => own.Key != f.Key)))
                    settings.Add((field.Key!, null, Formula.Compile(field.Formula!)));
            }
            settings.AddRange((config.Fields ?? []).Select(f => (f.Key!, (System.Text.Json.JsonElement?)null, (Formula?)Formula.Compile(f.Formula!))));
            FormulaApplication.Apply([.. group], context, settings);
        }
        return candidates;
    }
}
