using System.Text.Json.Nodes;
using static Kaireon.Functions.Tests.DecisionFlows.ConfigApi;

namespace Kaireon.Functions.Tests.DecisionFlows;

/// <summary>
/// Flows for the tests: a tenant seeded by <see cref="ConfigApi.SeededTenantAsync"/> plus rules
/// <c>qr_a</c>, <c>qr_b</c>, policy <c>cp_cap</c>, model <c>model_bayes</c>, profile <c>arb_1</c> and the v1 flow <c>base-flow</c>.
/// </summary>
internal static class FlowSamples
{
    public const string Route = "decision-flows";

    public static async Task<(TestTenant Tenant, HttpClient Admin)> TenantAsync(KaireonApp app)
    {
        var (tenant, admin) = await SeededTenantAsync(app);
        await CreatedAsync(admin, "qualification-rules", Json("""{ "id": "qr_a", "name": "Adults", "ruleType": "attribute_condition", "config": { "condition": { "field": "attributes.age", "operator": "gte", "value": 18 } } }"""));
        await CreatedAsync(admin, "qualification-rules", Json("""{ "id": "qr_b", "name": "VIP", "ruleType": "segment_required", "config": { "segment": "vip" } }"""));
        await CreatedAsync(admin, "contact-policies", Json("""{ "id": "cp_cap", "name": "Daily", "ruleType": "frequency_cap", "config": { "maxPerDay": 2 } }"""));
        await CreatedAsync(admin, "algorithm-models", Json("""{ "id": "model_bayes", "name": "Bayes", "modelType": "bayesian" }"""));
        await CreatedAsync(admin, "arbitration-profiles", Json("""{ "id": "arb_1", "name": "Balanced", "weights": { "conversion": 1, "margin": 1 } }"""));
        await CreatedAsync(admin, Route, V1("base-flow"));
        return (tenant, admin);
    }

    /// <summary>A v1 flow: every stage given.</summary>
    public static JsonObject V1(string key) => Json($$"""
        {
          "key": "{{key}}",
          "name": "Base flow",
          "config": {
            "stages": {
              "inventory": { "scope": "all" },
              "filter": { "qualificationRules": true, "contactPolicies": true },
              "scoring": { "method": "priority_weighted" },
              "ranking": { "method": "topN", "limit": 5 }
            }
          }
        }
        """);

    /// <summary>A v2 flow with one node of each of the 13 types, every setting used.</summary>
    public static JsonObject Full(string key) => Json($$"""
        {
          "key": "{{key}}",
          "name": "Every node",
          "description": "inventory to response",
          "config": {
            "version": 2,
            "nodes": [
              { "id": "n1", "type": "inventory", "config": { "scope": "category", "categoryIds": ["cards"], "includeInactive": false } },
              { "id": "n2", "type": "call_flow", "config": { "flowKey": "base-flow", "merge": "append", "maxDepth": 2 } },
              { "id": "n3", "type": "match_creatives", "config": { "channelIds": ["web"], "placementIds": ["hero"], "useRequestPlacement": false, "requireCreative": true } },
              { "id": "n4", "type": "enrich", "config": { "metrics": ["email_impression_7d", "bm_response_rate_30d"], "summaries": [ { "definitionId": "sd_offer_interactions", "window": "7d" } ], "profile": true } },
              { "id": "n5", "type": "qualify", "config": { "logic": { "all": ["qr_a", { "any": ["qr_b", "qr_a"] }] } } },
              { "id": "n6", "type": "contact_policy", "config": { "policyIds": ["cp_cap"] } },
              { "id": "n7", "type": "filter", "config": { "condition": { "any": [ { "field": "offer.priority", "operator": "gte", "value": 10 }, { "field": "creative.variant", "operator": "regex", "value": "^A" } ] } } },
              { "id": "n8", "type": "score", "config": { "method": "model", "modelId": "model_bayes", "overrides": [ { "scope": "category", "id": "cards", "modelId": "model_bayes" } ], "challenger": { "modelId": "model_bayes", "trafficPercent": 10 }, "arbitrationProfileId": "arb_1" } },
              { "id": "n9", "type": "rank", "config": { "method": "diversity", "limit": 10, "diversityField": "categoryId", "maxPerGroup": 2 } },
              { "id": "n10", "type": "group", "config": { "placements": [ { "placement": "hero", "limit": 1 }, { "placement": "widget", "limit": 3 } ], "strategy": "priority_fill" } },
              { "id": "n11", "type": "compute", "config": { "fields": [ { "key": "monthlyFee", "formula": "round(offer.customFields.annualFee / 12, 2)" } ], "includeCategoryFormulas": true } },
              { "id": "n12", "type": "set_properties", "config": { "properties": [ { "key": "badge", "value": "new" }, { "key": "fee", "formula": "offer.customFields.annualFee" } ] } },
              { "id": "n13", "type": "response", "config": { "format": "grouped", "includeTrace": true } }
            ]
          }
        }
        """);

    /// <summary>A minimal v2 flow; with <paramref name="calls"/>, a call_flow node after the inventory.</summary>
    public static JsonObject V2(string key, params string[] calls)
    {
        var nodes = new JsonArray(Json("""{ "id": "inv", "type": "inventory" }"""));
        for (var i = 0; i < calls.Length; i++) nodes.Add(Json($$"""{ "id": "call{{i}}", "type": "call_flow", "config": { "flowKey": "{{calls[i]}}" } }"""));
        nodes.Add(Json("""{ "id": "rank", "type": "rank", "config": { "limit": 3 } }"""));
        return new JsonObject { ["key"] = key, ["name"] = $"Flow {key}", ["config"] = new JsonObject { ["version"] = 2, ["nodes"] = nodes } };
    }

    /// <summary>A v2 flow whose nodes are <paramref name="nodes"/> (JSON array text).</summary>
    public static JsonObject WithNodes(string nodes) =>
        Json($$"""{ "key": "custom", "name": "Custom", "config": { "version": 2, "nodes": {{nodes}} } }""");
}
