using Kaireon.Core.Triggers;
using Kaireon.Functions.Hosting.Invocations;

namespace Kaireon.Functions.Triggers;

/// <summary>
/// <c>EvaluateTriggers</c> (timer, every minute): fires the absences that came due ("added to cart and
/// no purchase within 24 hours"). Windows of threshold triggers need no timer: they are evaluated at
/// each event, on the events' own time. Also hands firings whose actions were left unrun (a process
/// that died, a full queue) to the action worker again.
/// </summary>
public sealed class EvaluateTriggersInvocation(TriggerTimer timer) : IFunctionInvocationHandler
{
    public const string FunctionName = "EvaluateTriggers";

    public async Task<InvocationReply> InvokeAsync(FunctionInvocation invocation, CancellationToken ct)
    {
        var run = await timer.RunAsync(ct);
        return InvocationReply.WithLogs(
            $"{run.Visited} of {run.Waiting} customers waiting on absences were due and evaluated; {run.Redispatched} firings' actions handed to the worker again");
    }
}
