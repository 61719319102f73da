using System.Text.Json;

namespace Kaireon.Functions.Hosting.Invocations;

/// <summary>
/// The answer to an invocation, serialized exactly as <c>{ "Outputs", "Logs", "ReturnValue" }</c>
/// (design §2) by <see cref="InvocationJsonContext"/>.
/// </summary>
/// <remarks>
/// <see cref="Outputs"/> keys are binding names and the host matches them case-sensitively.
/// A top-level output string that is valid base64 (<c>"1234"</c>) is decoded to bytes by the host
/// unless the binding says <c>dataType: binary</c>: wrap scalars in arrays or objects.
/// </remarks>
public sealed record InvocationReply
{
    public static InvocationReply Empty { get; } = new();

    public IReadOnlyDictionary<string, JsonElement> Outputs { get; init; } = new Dictionary<string, JsonElement>(StringComparer.Ordinal);

    /// <summary>Lines the host writes to the function's log.</summary>
    public IReadOnlyList<string> Logs { get; init; } = [];

    /// <summary>The <c>$return</c> binding's value; <c>null</c> when the function has none.</summary>
    public JsonElement? ReturnValue { get; init; }

    public static InvocationReply WithLogs(params IReadOnlyList<string> logs) => new() { Logs = logs };
}
