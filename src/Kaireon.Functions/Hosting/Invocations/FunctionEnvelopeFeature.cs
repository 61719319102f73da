using System.Text.Json;

namespace Kaireon.Functions.Hosting.Invocations;

/// <summary>
/// Present in <see cref="HttpContext.Features"/> while a request arrived as a Functions envelope
/// (<see cref="FunctionInvocations.UseFunctionEnvelope"/>): endpoints use it to add outputs beside
/// the HTTP response, e.g. a <c>Respond</c> function's <c>outEvents</c> Event Hubs binding.
/// Absent when the request came directly or proxied; then publish another way.
/// </summary>
/// <remarks>Per request; not thread-safe.</remarks>
public sealed class FunctionEnvelopeFeature
{
    private readonly Dictionary<string, JsonElement> _outputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _events = new(StringComparer.Ordinal);
    private readonly List<string> _logs = [];

    internal FunctionEnvelopeFeature(HttpEnvelopeFunction function, FunctionInvocation invocation)
    {
        Function = function;
        Invocation = invocation;
    }

    public HttpEnvelopeFunction Function { get; }

    /// <summary>The whole envelope, for its <c>Metadata</c> (e.g. <c>sys</c>).</summary>
    public FunctionInvocation Invocation { get; }

    /// <summary>Sets an output binding (name case-sensitive, as in <c>function.json</c>).</summary>
    public void SetOutput(string bindingName, JsonElement value)
    {
        EnsureFree(bindingName, _events.ContainsKey(bindingName));
        _outputs[bindingName] = value.Clone();
    }

    /// <summary>
    /// Appends events to an <c>eventHub</c> output binding: the host sends one event per string,
    /// each string being the exact event body (functions-host README §3).
    /// </summary>
    /// <remarks>
    /// The host publishes them whenever the envelope reply is 2xx, whatever the HTTP status the
    /// endpoint answers; only an unhandled exception (a non-2xx reply) drops them.
    /// </remarks>
    public void AddEvents(string bindingName, IEnumerable<string> eventBodies)
    {
        ArgumentNullException.ThrowIfNull(eventBodies);
        EnsureFree(bindingName, _outputs.ContainsKey(bindingName));
        if (!_events.TryGetValue(bindingName, out var events))
            _events[bindingName] = events = [];
        events.AddRange(eventBodies);
    }

    /// <summary>A line for the function's log in the host (the reply's <c>Logs</c>).</summary>
    public void Log(string message) => _logs.Add(message);

    internal IReadOnlyList<string> Logs => _logs;

    internal void CopyOutputsTo(Dictionary<string, JsonElement> outputs)
    {
        foreach (var (name, value) in _outputs)
            outputs[name] = value;
        foreach (var (name, events) in _events)
            outputs[name] = JsonSerializer.SerializeToElement(events.ToArray(), InvocationJsonContext.Default.StringArray);
    }

    private void EnsureFree(string bindingName, bool setAnotherWay)
    {
        ArgumentException.ThrowIfNullOrEmpty(bindingName);
        if (string.Equals(bindingName, Function.ResponseBinding, StringComparison.Ordinal))
            throw new ArgumentException($"'{bindingName}' is the HTTP response binding; write the HTTP response instead.", nameof(bindingName));
        if (setAnotherWay)
            throw new ArgumentException($"Output '{bindingName}' is already set another way.", nameof(bindingName));
    }
}
