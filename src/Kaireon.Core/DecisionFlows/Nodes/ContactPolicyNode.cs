using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.ContactPolicies;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows.Nodes;

/// <summary><c>contact_policy</c>: applies Contact Policies with the contract's precedence (see <see cref="ContactPolicy"/>).</summary>
public sealed record ContactPolicyNode : FlowNode
{
    public ContactPolicyNodeConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override FlowNodeType? Type => FlowNodeType.ContactPolicy;

    protected override void ValidateConfig(string path, ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, path, Config)) ConfigRules.Ids(errors, $"{path}.policyIds", Config.PolicyIds, required: false);
    }

    public override IEnumerable<EntityReference> References(string path) =>
        ConfigRules.References($"{path}.policyIds", Config?.PolicyIds, ContactPolicy.Kind.Name);
}

/// <summary><see cref="PolicyIds"/>: these policies only; none given: every active policy of the tenant whose scope applies.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ContactPolicyNodeConfig
{
    public List<string>? PolicyIds { get; init; }
}
