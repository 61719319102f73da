using System.Text.Json.Serialization;

namespace Kaireon.Functions.Interactions;

/// <summary>Source-generated JSON of the runtime endpoints (the hot path), camelCase like the whole API.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RespondRequest))]
[JsonSerializable(typeof(RespondResponse))]
[JsonSerializable(typeof(EventRequest))]
[JsonSerializable(typeof(EventBatchResponse))]
[JsonSerializable(typeof(EventResult))]
internal sealed partial class InteractionJson : JsonSerializerContext;
