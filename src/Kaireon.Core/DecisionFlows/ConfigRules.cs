using System.Diagnostics.CodeAnalysis;
using Kaireon.Core.Catalog;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows;

/// <summary>Checks shared by the typed configurations of rules, policies and flow nodes.</summary>
public static class ConfigRules
{
    /// <summary>Most ids one list may hold: a manual inventory of a large catalog still fits.</summary>
    public const int MaxIds = 1000;

    /// <summary>
    /// A list of entity ids: each shaped like an id and given once; <paramref name="required"/> asks
    /// for at least one.
    /// </summary>
    public static void Ids(ValidationErrors errors, string path, IReadOnlyList<string?>? ids, bool required, int max = MaxIds)
    {
        if (ids is null || ids.Count == 0)
        {
            if (required) errors.Add(path, "is required: at least one id.");
            return;
        }
        errors.MaxCount(path, ids, max);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            errors.Reference($"{path}[{i}]", ids[i], required: true);
            if (ids[i] is { } id && !seen.TryAdd(id, i)) errors.Add($"{path}[{i}]", $"repeats '{id}' ({path}[{seen[id]}]).");
        }
    }

    /// <summary>Plain strings (segments): each 1–<paramref name="maxLength"/> characters, not blank.</summary>
    public static void Texts(ValidationErrors errors, string path, IReadOnlyList<string?>? values, bool required, int max, int maxLength = 128)
    {
        if (values is null || values.Count == 0)
        {
            if (required) errors.Add(path, "is required: at least one value.");
            return;
        }
        errors.MaxCount(path, values, max);
        for (var i = 0; i < values.Count; i++) errors.RequiredText($"{path}[{i}]", values[i], maxLength);
    }

    /// <summary>One reference per listed id, each under its own path.</summary>
    public static IEnumerable<EntityReference> References(string path, IReadOnlyList<string?>? ids, string kind) =>
        (ids ?? []).Select((id, i) => new EntityReference($"{path}[{i}]", kind, id));

    public static void Finite(ValidationErrors errors, string path, double? value)
    {
        if (value is { } v && !double.IsFinite(v)) errors.Add(path, "must be a finite number.");
    }

    /// <summary>A config object that may not be null: an explicit <c>null</c> is an error, an omitted one takes its defaults.</summary>
    public static bool Present<T>(ValidationErrors errors, string path, [NotNullWhen(true)] T? config) where T : class
    {
        if (config is not null) return true;
        errors.Add(path, "must be an object.");
        return false;
    }
}
