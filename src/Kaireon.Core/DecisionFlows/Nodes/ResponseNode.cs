using System.Text.Json.Serialization;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows.Nodes;

/// <summary><c>standard</c>: a ranked <c>decisions</c> list; <c>grouped</c>: decisions per placement in <c>groups</c>.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ResponseFormat>))]
public enum ResponseFormat { Standard, Grouped }

/// <summary><c>response</c>: shapes the Recommend answer; at most one per flow.</summary>
public sealed record ResponseNode : FlowNode
{
    public ResponseNodeConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override FlowNodeType? Type => FlowNodeType.Response;

    protected override void ValidateConfig(string path, ValidationErrors errors) => ConfigRules.Present(errors, path, Config);
}

/// <summary><see cref="IncludeTrace"/>: always record and return a decision trace, as <c>debug: true</c> does for one call.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ResponseNodeConfig
{
    public ResponseFormat Format { get; set; } = ResponseFormat.Standard;
    public bool IncludeTrace { get; set; }
}
