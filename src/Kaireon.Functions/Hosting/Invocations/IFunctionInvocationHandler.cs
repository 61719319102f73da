namespace Kaireon.Functions.Hosting.Invocations;

/// <summary>
/// Handles one function the Functions host invokes as <c>POST /{FunctionName}</c>
/// (timer, Event Hubs, ...). Register with
/// <see cref="FunctionInvocations.AddFunctionInvocation{THandler}"/>; resolved per invocation.
/// </summary>
/// <remarks>
/// Throwing fails the invocation (non-2xx), so the host retries per <c>function.json</c>;
/// return normally only when the work is done or durably parked.
/// </remarks>
public interface IFunctionInvocationHandler
{
    Task<InvocationReply> InvokeAsync(FunctionInvocation invocation, CancellationToken ct);
}
