using System.Text.Json;
using Kaireon.Core.Conditions;
using Kaireon.Core.Formulas;

namespace Kaireon.Core.Decisioning.Steps;

/// <summary>
/// A candidate as data for conditions (<c>filter</c>) and formulas (<c>compute</c>,
/// <c>set_properties</c>): <c>offer.*</c> (id, name, categoryId, priority, weight, customFields.*,
/// properties.*), <c>creative.*</c>, <c>customer.*</c> (id, segments), <c>attributes.*</c>.
/// </summary>
public sealed class CandidateData(DecisionContext context) : IConditionData, IFieldResolver
{
    public Candidate? Candidate { get; set; }

    public bool TryGet(string field, out ConditionValue value)
    {
        value = Find(Path(field)) switch
        {
            { } json => ConditionValue.FromJson(json),
            null => Scalar(field),
        };
        return value.Kind != ConditionValueKind.Null;
    }

    public FormulaValue Resolve(FieldReference field)
    {
        var root = FieldReference.RootName(field.Root);
        var path = field.Segments.Prepend(root).ToArray();
        if (Find(path) is { } json) return FormulaValue.FromJson(json);
        var scalar = Scalar(string.Join('.', path));
        return scalar.Kind switch
        {
            ConditionValueKind.Number => FormulaValue.Number(scalar.Number),
            ConditionValueKind.String => FormulaValue.String(scalar.ToString()),
            ConditionValueKind.Bool => FormulaValue.Boolean(scalar.ToString() == "true"),
            _ => FormulaValue.Null,
        };
    }

    private ConditionValue Scalar(string field)
    {
        var offer = Candidate?.Offer;
        if (field.StartsWith("metrics.", StringComparison.Ordinal)) return Metric(field[8..]);
        if (field.StartsWith("customer.summaries.", StringComparison.Ordinal))
            return context.Summaries.TryGetValue(field[19..], out var total) ? ConditionValue.From(total) : ConditionValue.Null;
        return field switch
        {
            "offer.id" or "offerId" => ConditionValue.From(offer?.Id),
            "offer.name" => ConditionValue.From(offer?.Name),
            "offer.categoryId" or "categoryId" => ConditionValue.From(offer?.CategoryId),
            "offer.subCategoryId" => ConditionValue.From(offer?.SubCategoryId),
            "offer.priority" => offer is null ? ConditionValue.Null : ConditionValue.From(offer.Priority),
            "offer.weight" => offer is null ? ConditionValue.Null : ConditionValue.From(offer.Weight),
            "offer.mandatory" => offer is null ? ConditionValue.Null : ConditionValue.From(offer.Mandatory),
            "offer.score" => Candidate is null ? ConditionValue.Null : ConditionValue.From(Candidate.Score),
            "creative.id" or "creativeId" => ConditionValue.From(Candidate?.Creative?.Id),
            "creative.channelId" or "channelId" => ConditionValue.From(Candidate?.Creative?.ChannelId),
            "creative.placementId" or "placementId" => ConditionValue.From(Candidate?.Creative?.PlacementId),
            "creative.variant" => ConditionValue.From(Candidate?.Creative?.Variant),
            "customer.id" => ConditionValue.From(context.CustomerId),
            _ => ConditionValue.Null,
        };
    }

    /// <summary>
    /// A behavioral metric the flow's <c>enrich</c> loaded (<c>metrics.bm_x</c> or its key), for this
    /// candidate: a metric grouped by offer, channel or creative reads the candidate's group.
    /// </summary>
    private ConditionValue Metric(string idOrKey)
    {
        if (context.MetricValues is not { } view || Metrics.TenantMetrics.Find(context.Metrics, idOrKey) is not { } metric) return ConditionValue.Null;
        var filters = new Dictionary<Metrics.MetricDimension, string>();
        foreach (var dimension in metric.Dimensions)
        {
            var value = dimension switch
            {
                Metrics.MetricDimension.OfferId => Candidate?.OfferId,
                Metrics.MetricDimension.ChannelId => Candidate?.Creative?.ChannelId,
                Metrics.MetricDimension.CreativeId => Candidate?.Creative?.Id,
                _ => null,
            };
            if (value is not null) filters[dimension] = value;
        }
        var values = view.Values(metric, filters).Values;
        var result = values.Count == 1 ? values[0].Value : values.Count == 0 ? null : values.Sum(v => v.Value ?? 0);
        return result is { } number ? ConditionValue.From(number) : ConditionValue.Null;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> Paths = new(StringComparer.Ordinal);

    /// <summary>A field's path segments, split once per field name (names come from configuration, so they are few).</summary>
    private static string[] Path(string field)
    {
        if (Paths.TryGetValue(field, out var path)) return path;
        path = field.Split('.');
        if (Paths.Count < 10_000) Paths[field] = path;
        return path;
    }

    /// <summary>A value inside JSON the candidate or customer carries (custom fields, properties, attributes).</summary>
    private JsonElement? Find(string[] path)
    {
        if (path.Length < 2) return null;
        JsonElement? start = (path[0], path[1]) switch
        {
            ("offer", "customFields") when path.Length > 2 && Candidate?.Offer.CustomFields?.TryGetValue(path[2], out var v) == true => Walk(v, path, 3),
            ("offer", "properties") when path.Length > 2 && Candidate?.PropertiesIfAny?.TryGetValue(path[2], out var p) == true => Walk(p, path, 3),
            ("attributes", var key) when context.Attributes.TryGetValue(key, out var a) => Walk(a, path, 2),
            ("customer", "segments") => JsonSerializer.SerializeToElement(context.Segments.Order(StringComparer.Ordinal).ToArray(), Json.KaireonJson.Default.StringArray),
            _ => null,
        };
        return start;
    }

    private static JsonElement? Walk(JsonElement element, string[] path, int from)
    {
        for (var i = from; i < path.Length; i++)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(path[i], out element)) return null;
        }
        return element;
    }
}
