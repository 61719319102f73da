using System.Text.Json;
using Kaireon.Core.Behaviors;
using Kaireon.Core.Conditions;
using Kaireon.Core.Interactions;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Tests.Behaviors;

/// <summary>Test shorthand: behaviours and events written as JSON with single quotes, compiled as the stream compiles them.</summary>
internal static class Behaviors
{
    public static readonly DateTimeOffset Now = new(2026, 3, 16, 12, 0, 0, TimeSpan.Zero);

    public static JsonElement JsonOf(string text) => JsonDocument.Parse(text.Replace('\'', '"')).RootElement.Clone();

    public static Behavior Simple(string verb) => new() { Id = verb, Verb = verb, Name = verb };

    public static Behavior Flexible(string id, string conditions, BehaviorRateLimit? rateLimit = null, string parent = "complete_course") =>
        new() { Id = id, Name = id, ParentId = parent, Conditions = JsonOf(conditions), RateLimit = rateLimit, Etag = $"\"{id}-1\"" };

    /// <summary>The verb's flexible behaviours, compiled as the stream compiles them.</summary>
    public static VerbBehaviors Verb(string verb, params Behavior[] flexible) =>
        TenantBehaviors.Compile(TenantId.Parse("acme"), [Simple(verb), .. flexible.Select(f => f with { ParentId = verb })], new ConditionCache()).ForVerb(verb)!;

    public static Interaction Event(string metadata, DateTimeOffset? at = null, string type = "complete_course", string? id = null) => new()
    {
        EventId = id ?? $"e-{Guid.NewGuid():N}",
        CustomerId = "c-1",
        Type = type,
        Timestamp = at ?? Now,
        Direction = Direction.Inbound,
        Metadata = JsonOf(metadata),
    };
}
