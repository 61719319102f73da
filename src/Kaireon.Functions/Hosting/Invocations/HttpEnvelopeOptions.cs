namespace Kaireon.Functions.Hosting.Invocations;

/// <summary>
/// An HTTP-triggered function the host sends as an envelope rather than proxying it:
/// <c>POST /{FunctionName}</c> with the request in <c>Data.{TriggerBinding}</c>, answered with
/// <c>Outputs.{ResponseBinding}</c> (design §2). Names are as in the function's <c>function.json</c>.
/// </summary>
public sealed record HttpEnvelopeFunction(string FunctionName, string TriggerBinding = "req", string ResponseBinding = "res");

/// <summary>
/// Which function names <see cref="FunctionInvocations.UseFunctionEnvelope"/> unwraps. <c>Api</c> is
/// always there: hosts without request proxying or forwarding send it as an envelope.
/// Add more with <see cref="FunctionInvocations.AddHttpEnvelopeFunction"/>.
/// </summary>
public sealed class HttpEnvelopeOptions
{
    public const string ApiFunctionName = "Api";

    /// <summary>By function name, case-insensitive like routing.</summary>
    public Dictionary<string, HttpEnvelopeFunction> Functions { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [ApiFunctionName] = new HttpEnvelopeFunction(ApiFunctionName),
    };
}
