using Kaireon.Core.Storage;
using Kaireon.Functions.Hosting.Invocations;

namespace Kaireon.Functions.Traces;

/// <summary>
/// <c>PurgeExpiredTraces</c> (timer, hourly): reclaims trace records past their time to live.
/// SQLite has no TTL, so standalone this is what deletes them; Cosmos expires items itself and the
/// call costs nothing there.
/// </summary>
public sealed class PurgeExpiredTracesInvocation(ITraceStore traces) : IFunctionInvocationHandler
{
    public const string FunctionName = "PurgeExpiredTraces";

    public async Task<InvocationReply> InvokeAsync(FunctionInvocation invocation, CancellationToken ct)
    {
        var purged = await traces.PurgeExpiredAsync(ct);
        return InvocationReply.WithLogs($"purged {purged} expired trace records");
    }
}
