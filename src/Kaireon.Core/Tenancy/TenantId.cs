using System.Text.Json;
using System.Text.Json.Serialization;

using Kaireon.Core.Validation;

namespace Kaireon.Core.Tenancy;

/// <summary>
/// The tenant a request acts for. It comes from the caller's API key and nowhere else, and every
/// store call takes one: partition keys start with it, so code holding one tenant's id cannot
/// address another tenant's data.
/// </summary>
/// <remarks>
/// Tenant ids follow the entity id rule (<c>[a-z0-9_-]</c>, at most 64 characters) but may not
/// start with an underscore: that prefix is reserved for system partitions such as the key lookup.
/// </remarks>
[JsonConverter(typeof(TenantIdJsonConverter))]
public readonly record struct TenantId
{
    /// <summary>The reserved partition that maps API key hashes to their tenant (design §3).</summary>
    public static readonly TenantId KeyLookup = new("_keys");

    /// <summary>The reserved partition for the list of tenants.</summary>
    public static readonly TenantId System = new("_system");

    private TenantId(string value) => Value = value;

    public string Value { get; }

    public static bool IsValid(string? value) =>
        EntityId.IsValid(value) && !value!.StartsWith('_');

    public static TenantId Parse(string value) =>
        IsValid(value) ? new TenantId(value) : throw new ArgumentException($"'{value}' is not a valid tenant id.", nameof(value));

    public override string ToString() => Value;

    private sealed class TenantIdJsonConverter : JsonConverter<TenantId>
    {
        public override TenantId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.GetString() ?? throw new JsonException("A tenant id must be a string."));

        public override void Write(Utf8JsonWriter writer, TenantId value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value);
    }
}
