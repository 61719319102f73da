using System.Text.RegularExpressions;

namespace Kaireon.Core.Validation;

/// <summary>
/// Collects every invalid field of a request under its JSON path (<c>placements[2].limit</c>), so
/// one answer names them all (RFC 9457 <c>errors</c>). Validators add to it and never throw.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>How many fields have errors so far: a validator compares it before and after its own checks.</summary>
    public int Count => _errors.Count;

    public void Add(string path, string message)
    {
        if (!_errors.TryGetValue(path, out var list)) _errors[path] = list = [];
        list.Add(message);
    }

    public bool Has(string path) => _errors.ContainsKey(path);

    /// <summary>A required string: present and not blank, at most <paramref name="max"/> characters.</summary>
    public void RequiredText(string path, string? value, int max, int min = 1)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(path, "is required.");
        else Text(path, value, max, min);
    }

    /// <summary>An optional string: when present, between <paramref name="min"/> and <paramref name="max"/> characters.</summary>
    public void Text(string path, string? value, int max, int min = 0)
    {
        if (value is null) return;
        if (value.Length < min || value.Length > max)
            Add(path, min > 0 ? $"must be {min}–{max} characters." : $"must be at most {max} characters.");
    }

    public void Range(string path, double? value, double min, double max)
    {
        if (value is { } v && (double.IsNaN(v) || v < min || v > max)) Add(path, $"must be between {min} and {max}.");
    }

    public void Range(string path, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max)) Add(path, $"must be between {min} and {max}.");
    }

    /// <summary>A reference to another entity: required or optional, and shaped like an id.</summary>
    public void Reference(string path, string? id, bool required)
    {
        if (string.IsNullOrEmpty(id))
        {
            if (required) Add(path, "is required.");
        }
        else if (!EntityId.IsValid(id)) Add(path, "must be an id: [a-z0-9_-], 1–64 characters.");
    }

    public void Pattern(string path, string? value, Regex pattern, string description)
    {
        if (value is not null && !pattern.IsMatch(value)) Add(path, $"must be {description}.");
    }

    public void OneOf(string path, string? value, IReadOnlyCollection<string> allowed, bool required)
    {
        if (value is null)
        {
            if (required) Add(path, $"is required: one of {string.Join(", ", allowed)}.");
        }
        else if (!allowed.Contains(value)) Add(path, $"must be one of {string.Join(", ", allowed)}.");
    }

    public void MaxCount<T>(string path, IReadOnlyCollection<T>? items, int max)
    {
        if (items is not null && items.Count > max) Add(path, $"must have at most {max} items.");
    }

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public override string ToString() =>
        string.Join("; ", _errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
}
