namespace Kaireon.Core.DecisionFlows;

/// <summary>The <c>call_flow</c> graph of a tenant's flows: which flow calls which.</summary>
public static class FlowCalls
{
    /// <summary>
    /// A cycle through <paramref name="start"/>, as the keys along it from <paramref name="start"/>
    /// back to it (<c>[a, b, a]</c>; a self-call is <c>[a, a]</c>), or null when there is none.
    /// Depth-first over <paramref name="calls"/>; each flow is expanded once.
    /// </summary>
    public static IReadOnlyList<string>? FindCycle(string start, Func<string, IEnumerable<string>> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string> { start };
        return Walk(start) ? path : null;

        bool Walk(string flow)
        {
            foreach (var callee in calls(flow).Distinct(StringComparer.Ordinal))
            {
                path.Add(callee);
                if (callee == start) return true;
                if (visited.Add(callee) && Walk(callee)) return true;
                path.RemoveAt(path.Count - 1);
            }
            return false;
        }
    }
}
