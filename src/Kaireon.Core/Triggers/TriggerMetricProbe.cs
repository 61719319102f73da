using Kaireon.Core.Interactions;
using Kaireon.Core.Metrics;

namespace Kaireon.Core.Triggers;

/// <summary>
/// A behavioral metric's value as of one interaction of a customer's history: computed from the day
/// documents up to and including it, with the window ending on its day. The live stream and the
/// simulation both read metrics this way, so they agree; a metric with grouping answers its first group.
/// </summary>
public sealed class TriggerMetricProbe(IReadOnlyList<CompiledMetric> metrics, IReadOnlyList<CustomerDay> history)
{
    private readonly List<CustomerDay> _days = [.. history.OrderBy(d => d.Day)];

    public decimal? ValueAt(string metricId, UtcDay day, int index)
    {
        if (TenantMetrics.Find(metrics, metricId) is not { } metric) return null;
        var interactions = _days
            .Where(d => d.Day <= day)
            .SelectMany(d => d.Interactions.Take(d.Day == day ? index + 1 : int.MaxValue).Select(i => (d.Day, i)));
        var values = MetricFolding.Compute(metric, section: null, interactions, day);
        return values.Count > 0 ? values[0].Value : null;
    }
}
