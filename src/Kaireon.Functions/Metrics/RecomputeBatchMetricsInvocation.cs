using Kaireon.Core.Metrics;
using Kaireon.Functions.Hosting.Invocations;

namespace Kaireon.Functions.Metrics;

/// <summary>
/// <c>RecomputeBatchMetrics</c> (timer, every minute): backfills new or changed metrics and
/// recomputes batch metrics whose <c>batchIntervalMin</c> has passed. The cron only sets the
/// resolution; each metric's own interval decides what is due.
/// </summary>
public sealed class RecomputeBatchMetricsInvocation(MetricJobs jobs) : IFunctionInvocationHandler
{
    public const string FunctionName = "RecomputeBatchMetrics";

    public async Task<InvocationReply> InvokeAsync(FunctionInvocation invocation, CancellationToken ct)
    {
        var run = await jobs.RunAsync(ct);
        return InvocationReply.WithLogs($"{run.Jobs} metric jobs: {run.Backfilled} customers backfilled, {run.Snapshots} batch snapshots");
    }
}
