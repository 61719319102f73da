using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Decisioning;

/// <summary>
/// <c>POST /api/v1/recommend</c> as the contract defines it, legacy aliases included
/// (<c>maxOffers</c> → <c>limit</c>, <c>trace</c> → <c>debug</c>, <c>decisionFlowId</c> and
/// <c>blueprintKey</c> → <c>decisionFlowKey</c>). <see cref="Normalize"/> folds the aliases in.
/// </summary>
public sealed partial record RecommendRequest
{
    public const int DefaultLimit = 5;
    public const int MaxLimit = 50;
    public const string Anonymous = "anonymous";

    public string? CustomerId { get; init; }
    public string? Channel { get; init; }
    public string? ChannelId { get; init; }
    public string? Placement { get; init; }
    public IReadOnlyList<PlacementRequest>? Placements { get; init; }
    public int? Limit { get; init; }
    public int? MaxOffers { get; init; }
    public string? SessionId { get; init; }
    public JsonElement? Context { get; init; }
    public IReadOnlyList<string>? Segments { get; init; }
    public JsonElement? Attributes { get; init; }
    public string? Locale { get; init; }
    public string? Currency { get; init; }
    public IReadOnlyList<string>? ExcludeOffers { get; init; }
    public IReadOnlyList<string>? ExcludeCreatives { get; init; }
    public string? DecisionFlowKey { get; init; }
    public string? DecisionFlowId { get; init; }
    public string? BlueprintKey { get; init; }
    public bool? Debug { get; init; }
    public bool? Trace { get; init; }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SessionIdPattern();

    /// <summary>The request with aliases folded into their canonical fields.</summary>
    public RecommendRequest Normalize() => this with
    {
        Limit = Limit ?? MaxOffers,
        Debug = Debug ?? Trace,
        DecisionFlowKey = DecisionFlowKey ?? DecisionFlowId ?? BlueprintKey,
    };

    public int EffectiveLimit => Limit ?? DefaultLimit;

    public bool IsDebug => Debug == true;

    /// <summary>Every problem, by field (call on the normalized request).</summary>
    public void Validate(ValidationErrors errors)
    {
        if (CustomerId is { } id && (id.Length is 0 or > 128 || id.Any(char.IsControl))) errors.Add("customerId", "must be 1–128 characters.");
        errors.Range("limit", Limit, 1, MaxLimit);
        if (SessionId is not null && !SessionIdPattern().IsMatch(SessionId)) errors.Add("sessionId", "must be letters, digits, _ or - (a UUID fits), at most 64 characters.");
        if (Attributes is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) }) errors.Add("attributes", "must be an object.");
        if (Context is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) }) errors.Add("context", "must be an object.");
        Strings("segments", Segments, errors);
        Strings("excludeOffers", ExcludeOffers, errors);
        Strings("excludeCreatives", ExcludeCreatives, errors);
        if (Placements is { } placements)
        {
            if (placements.Count is 0 or > 10) errors.Add("placements", "must hold 1–10 placements.");
            for (var i = 0; i < placements.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(placements[i]?.Placement)) errors.Add($"placements[{i}].placement", "is required.");
                errors.Range($"placements[{i}].limit", placements[i]?.Limit, 1, MaxLimit);
            }
        }
    }

    /// <summary>
    /// The customer the decision is for: the given id, or for an anonymous caller a stable id derived
    /// from the session (else from client address and user agent), so repeat visits count together.
    /// </summary>
    public string ResolveCustomerId(string? clientAddress, string? userAgent)
    {
        if (!string.IsNullOrEmpty(CustomerId) && CustomerId != Anonymous) return CustomerId;
        var seed = SessionId is not null ? $"session|{SessionId}" : $"client|{clientAddress}|{userAgent}";
        return "anon_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)), 0, 12);
    }

    private static void Strings(string path, IReadOnlyList<string>? values, ValidationErrors errors)
    {
        if (values is null) return;
        if (values.Count > 100) errors.Add(path, "may hold at most 100 values.");
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrEmpty(values[i]) || values[i].Length > 128) errors.Add($"{path}[{i}]", "must be 1–128 characters.");
        }
    }
}

/// <summary>One slot of a multi-placement request: <c>{ "placement": "hero", "limit": 1 }</c>.</summary>
public sealed record PlacementRequest(string? Placement, int? Limit);
