namespace Kaireon.Core.Conditions;

/// <summary>What a caller adds to design §6's rules when it parses a condition.</summary>
public sealed record ConditionParseOptions
{
    /// <summary>
    /// Long enough for any sane pattern on a metadata value, short enough that a catastrophic one
    /// cannot stall the event stream: a timed-out match evaluates false.
    /// </summary>
    public static readonly TimeSpan DefaultRegexTimeout = TimeSpan.FromMilliseconds(50);

    /// <summary>No field validator, the default timeout. Declared after the timeout: static fields initialize in order.</summary>
    public static ConditionParseOptions Default { get; } = new();

    /// <summary>
    /// Checks each leaf's <c>field</c> for the caller's context (metrics allow only interaction
    /// fields): an error message names why the field is not allowed, null accepts it.
    /// </summary>
    public Func<string, string?>? FieldValidator { get; init; }

    /// <summary>The match timeout of every <c>regex</c> leaf.</summary>
    public TimeSpan RegexTimeout { get; init; } = DefaultRegexTimeout;
}
