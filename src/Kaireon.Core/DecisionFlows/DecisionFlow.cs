using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows;

/// <summary><c>draft</c> until first published, then <c>published</c>; <c>archived</c> flows are never run.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<FlowStatus>))]
public enum FlowStatus { Draft, Published, Archived }

/// <summary>
/// A Decision Flow (<c>POST /api/v1/decision-flows</c>): its key is its id, and Recommend selects it
/// by that key. Editing a flow changes its draft <see cref="Config"/>; Recommend runs the version
/// last published (<see cref="DecisionFlowService.PublishAsync"/>), which edits leave untouched until
/// the next publish.
/// </summary>
/// <remarks>
/// <see cref="Status"/>, <see cref="PublishedVersion"/> and <see cref="PublishedAt"/> are presented
/// by the server, from the flow's publication. On input only <c>status: archived</c> counts (it
/// retires the flow; any other status brings it back); the other two are ignored.
/// </remarks>
public sealed record DecisionFlow : CatalogEntity
{
    public string? Key { get; init; }
    public string Name { get; set; } = "";
    public string? Description { get; init; }
    public FlowStatus? Status { get; set; }
    public DecisionFlowConfig? Config { get; set; }
    public int? PublishedVersion { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }

    [JsonIgnore]
    public bool IsArchived => Status == FlowStatus.Archived;

    public static readonly CatalogKind<DecisionFlow> Kind = new()
    {
        Name = "decision_flow",
        Route = "decision-flows",
        IdPrefix = "flow_",
        Title = "Decision Flow",
        Json = KaireonJson.Default.DecisionFlow,
        Normalize = static f => f with
        {
            Key = f.Key ?? f.Id,
            Id = f.Id ?? f.Key,
            Status = f.Status == FlowStatus.Archived ? FlowStatus.Archived : null,
            PublishedVersion = null,
            PublishedAt = null,
        },
        Validate = static (f, errors) =>
        {
            if (f.Key is null) errors.Add("key", "is required: the flow key Recommend selects it by, e.g. default-flow.");
            else if (!EntityId.IsValid(f.Key)) errors.Add("key", "must be [a-z0-9_-], 1–64 characters.");
            else if (f.Id != f.Key) errors.Add("id", "must equal key (a flow's key is its id).");
            errors.RequiredText("name", f.Name, 200);
            errors.Text("description", f.Description, 2000);
            if (f.Config is null) errors.Add("config", "is required: { \"stages\": { … } } (v1) or { \"version\": 2, \"nodes\": [ … ] } (v2).");
            else f.Config.Validate("config", errors);
        },
        References = static f => f.Config?.References("config") ?? [],
        ValidateWithReferences = static (f, refs, errors) => f.Config?.ValidateWithReferences(f.Id!, "config", refs, errors),
    };
}
