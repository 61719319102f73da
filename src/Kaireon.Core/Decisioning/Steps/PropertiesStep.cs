using System.Text.Json;
using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.Formulas;

namespace Kaireon.Core.Decisioning.Steps;

/// <summary><c>set_properties</c>: attaches static values, or formula results per candidate, to each decision's <c>properties</c>.</summary>
public static class PropertiesStep
{
    public static List<Candidate> Run(SetPropertiesConfig config, List<Candidate> candidates, DecisionContext context)
    {
        var settings = (config.Properties ?? [])
            .Select(p => (p.Key!, p.Value, Formula: p.Formula is { } text ? Formula.Compile(text) : null))
            .ToList();
        FormulaApplication.Apply(candidates, context, settings);
        return candidates;
    }
}

/// <summary>Writes values and formula results into candidates' properties (shared by <c>set_properties</c> and <c>compute</c>).</summary>
internal static class FormulaApplication
{
    public static void Apply(List<Candidate> candidates, DecisionContext context, List<(string Key, JsonElement? Value, Formula? Formula)> settings)
    {
        var data = new CandidateData(context);
        foreach (var candidate in candidates)
        {
            data.Candidate = candidate;
            foreach (var (key, value, formula) in settings)
            {
                candidate.Properties[key] = formula is null ? value ?? default : ToJson(formula.Evaluate(data));
            }
        }
    }

    private static JsonElement ToJson(FormulaValue value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) value.WriteTo(writer);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
