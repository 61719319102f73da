using System.Text.Json;
using Kaireon.Core.Behaviors;
using Kaireon.Core.Conditions;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Triggers;

/// <summary>A trigger's field rules: every bad field named under its JSON path (<c>conditions[1].count</c>).</summary>
public static class TriggerValidation
{
    private static readonly string[] NumericOperators = ["gt", "gte", "lt", "lte", "eq", "neq"];

    public static void Validate(Trigger t, ValidationErrors errors)
    {
        errors.RequiredText("name", t.Name, 100);
        errors.Text("description", t.Description, 1000);
        if (t.CooldownMs < 0 || t.CooldownMs > Trigger.MaxCooldownMs) errors.Add("cooldownMs", $"must be between 0 and {Trigger.MaxCooldownMs}.");
        errors.Range("journeyMinutes", t.JourneyMinutes, 1, Trigger.MaxAbsenceMinutes);
        errors.Range("maxFiringsPerDay", t.MaxFiringsPerDay, 1, 10_000);

        if (t.Conditions is not { Count: > 0 } conditions) errors.Add("conditions", $"is required: 1 to {Trigger.MaxConditions} conditions.");
        else
        {
            errors.MaxCount("conditions", conditions, Trigger.MaxConditions);
            for (var i = 0; i < conditions.Count; i++) ValidateCondition(conditions[i], $"conditions[{i}]", errors);
            if (conditions.Count > 1 && conditions.Any(c => c.Type == TriggerConditionType.Absence))
                errors.Add("conditions", "an absence condition must be the trigger's only condition: it fires from the timer at its due time, not at an event.");
        }

        if (t.Actions is not { Count: > 0 } actions) errors.Add("actions", $"is required: 1 to {Trigger.MaxActions} actions (webhook, recommend, add_segment).");
        else
        {
            errors.MaxCount("actions", actions, Trigger.MaxActions);
            for (var i = 0; i < actions.Count; i++) ValidateAction(actions[i], $"actions[{i}]", errors);
        }
    }

    private static void ValidateCondition(TriggerCondition c, string path, ValidationErrors errors)
    {
        if (c.Type is not { } type)
        {
            errors.Add($"{path}.type", $"is required: one of {SnakeCaseEnumConverter<TriggerConditionType>.Allowed}.");
            return;
        }
        switch (type)
        {
            case TriggerConditionType.Threshold:
                EventType(c.EventType, $"{path}.eventType", errors);
                Filter(c.Filter, $"{path}.filter", errors);
                Required(c.Count, $"{path}.count", 1, 10_000, errors);
                Required(c.WindowMinutes, $"{path}.windowMinutes", 1, Trigger.MaxWindowMinutes, errors);
                break;
            case TriggerConditionType.Duration:
                EventType(c.EventType, $"{path}.eventType", errors);
                Filter(c.Filter, $"{path}.filter", errors);
                errors.RequiredText($"{path}.field", c.Field, 200);
                if (c.MinSeconds is not { } seconds) errors.Add($"{path}.minSeconds", "is required: the value (seconds) the field must exceed.");
                else errors.Range($"{path}.minSeconds", seconds, 0, 365 * 24 * 3600);
                break;
            case TriggerConditionType.Metric:
                errors.Reference($"{path}.metricId", c.MetricId, required: true);
                errors.OneOf($"{path}.operator", c.Operator, NumericOperators, required: true);
                if (c.Value is not { } value || double.IsNaN(value) || double.IsInfinity(value)) errors.Add($"{path}.value", "is required: a number.");
                break;
            case TriggerConditionType.Absence:
                EventType(c.EventType, $"{path}.eventType", errors);
                Filter(c.Filter, $"{path}.filter", errors);
                EventType(c.AwaitedEventType, $"{path}.awaitedEventType", errors);
                Filter(c.AwaitedFilter, $"{path}.awaitedFilter", errors);
                Required(c.WithinMinutes, $"{path}.withinMinutes", 1, Trigger.MaxAbsenceMinutes, errors);
                break;
        }
    }

    private static void ValidateAction(TriggerAction a, string path, ValidationErrors errors)
    {
        if (a.Type is not { } type)
        {
            errors.Add($"{path}.type", $"is required: one of {SnakeCaseEnumConverter<TriggerActionType>.Allowed}.");
            return;
        }
        if (type is TriggerActionType.Webhook or TriggerActionType.Recommend)
        {
            if (string.IsNullOrWhiteSpace(a.Url)) errors.Add($"{path}.url", "is required: the http(s) URL the signed request goes to.");
            else if (!Uri.TryCreate(a.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || a.Url.Length > 2000)
                errors.Add($"{path}.url", "must be an absolute http or https URL of at most 2000 characters.");
            errors.RequiredText($"{path}.secret", a.Secret, 256, min: 16);
        }
        if (type == TriggerActionType.Recommend)
        {
            errors.Text($"{path}.decisionFlowKey", a.DecisionFlowKey, 64);
            errors.Range($"{path}.limit", a.Limit, 1, Decisioning.RecommendRequest.MaxLimit);
        }
        if (type == TriggerActionType.AddSegment) errors.RequiredText($"{path}.segment", a.Segment, Customers.CustomerProfiles.MaxSegmentLength);
    }

    private static void EventType(string? value, string path, ValidationErrors errors) => errors.RequiredText(path, value, 64);

    private static void Required(int? value, string path, int min, int max, ValidationErrors errors)
    {
        if (value is null) errors.Add(path, $"is required: {min} to {max}.");
        else errors.Range(path, value, min, max);
    }

    private static void Filter(JsonElement? filter, string path, ValidationErrors errors)
    {
        if (filter is { ValueKind: not JsonValueKind.Null } json) ConditionTree.Parse(json, path, errors, BehaviorConditions.Options);
    }
}
