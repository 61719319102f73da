namespace Kaireon.Functions.Hosting.Invocations;

/// <summary>
/// <c>Metadata.RetryContext</c> of an invocation whose function has a retry policy: which retry this
/// is (0 on the first try) and how many the policy allows (-1: for ever). The host keeps the count in
/// memory and, for an Event Hubs trigger, moves its checkpoint past the batch after the last attempt
/// whether it succeeded or not (<c>functions-host/README.md</c> §4).
/// </summary>
public sealed record RetryContext(int RetryCount, int MaxRetryCount)
{
    /// <summary>
    /// Whether the host makes no further attempt after this one: <paramref name="context"/> is null
    /// when the function has no retry policy, and then every attempt is the only one.
    /// </summary>
    public static bool IsLastAttempt(RetryContext? context) =>
        context is null || (context.MaxRetryCount >= 0 && context.RetryCount >= context.MaxRetryCount);
}
