namespace Kaireon.Core.DecisionFlows;

/// <summary>
/// A published snapshot of a flow: what Recommend runs for <see cref="FlowKey"/> until the next
/// publish. Versions count from 1 per flow and are never changed once written.
/// </summary>
public sealed record DecisionFlowVersion
{
    public required string FlowKey { get; init; }
    public required int Version { get; init; }
    public required string Name { get; init; }
    public required DecisionFlowConfig Config { get; init; }
    public required DateTimeOffset PublishedAt { get; init; }

    /// <summary>The API key id that published it.</summary>
    public string? PublishedBy { get; init; }

    /// <summary>The flow's etag when it was published: which edit this version is.</summary>
    public string? FlowEtag { get; init; }

    /// <summary>The history document's id, <c>{flowKey}|v000003</c>: zero-padded so ids sort by version.</summary>
    public static string DocumentId(string flowKey, int version) => $"{flowKey}|v{version:D6}";
}
