using System.Security.Cryptography;
using System.Text;
using Kaireon.Core.Decisioning;

namespace Kaireon.Core.Triggers;

/// <summary>
/// The body a webhook or recommend action POSTs: the firing, and for <c>recommend</c> the decisions.
/// <see cref="FiringId"/> is the same on every attempt, so a receiver can drop repeats.
/// </summary>
public sealed record TriggerWebhookPayload
{
    public required string FiringId { get; init; }
    public required string TriggerId { get; init; }
    public string? TriggerName { get; init; }
    public required string TenantId { get; init; }
    public required string CustomerId { get; init; }
    public required DateTimeOffset FiredAt { get; init; }
    public required string CauseEventId { get; init; }
    public string? Supersedes { get; init; }
    public RecommendResult? Recommendation { get; init; }
}

/// <summary>
/// Webhook signatures: <c>X-Kaireon-Timestamp</c> = Unix seconds, <c>X-Kaireon-Signature</c> =
/// <c>sha256=</c> + lower-case hex of HMAC-SHA256(secret, timestamp + "." + body). A receiver
/// recomputes it over the raw body and compares in constant time, and rejects old timestamps.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-Kaireon-Timestamp";
    public const string SignatureHeader = "X-Kaireon-Signature";
    public const string FiringHeader = "X-Kaireon-Firing-Id";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{timestamp}.");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    public static bool Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body) =>
        long.TryParse(timestamp, out var ts) && signature is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, ts, body)), Encoding.ASCII.GetBytes(signature));
}
