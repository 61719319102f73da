using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kaireon.Functions.Hosting.Invocations;

/// <summary>
/// The envelope's own JSON: PascalCase as the host writes it (<c>Outputs</c>, <c>Logs</c>,
/// <c>ReturnValue</c>), unlike the camelCase API, so it never follows the app's JSON options.
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(InvocationReply))]
[JsonSerializable(typeof(EnvelopeHttpResponse))]
[JsonSerializable(typeof(TimerInfo))]
[JsonSerializable(typeof(SystemMetadata))]
[JsonSerializable(typeof(RetryContext))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(long[]))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class InvocationJsonContext : JsonSerializerContext;
