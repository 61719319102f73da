namespace Kaireon.Core.DecisionFlows;

/// <summary>
/// Rules name behavioral metrics by key (<c>email_impression_7d</c>) or by id
/// (<c>bm_email_impression_7d</c>); both mean the metric whose id is the key with the <c>bm_</c>
/// prefix. The reference stored with the rule is that id, so deleting the metric finds the rule.
/// </summary>
public static class MetricKey
{
    public const string Prefix = "bm_";

    /// <summary>The metric id a key or id stands for; null stays null.</summary>
    public static string? ToId(string? keyOrId) =>
        keyOrId is null || keyOrId.StartsWith(Prefix, StringComparison.Ordinal) ? keyOrId : Prefix + keyOrId;
}
