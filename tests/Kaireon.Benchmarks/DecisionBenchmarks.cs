using BenchmarkDotNet.Attributes;
using Kaireon.Core.Decisioning;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.Randomness;

namespace Kaireon.Benchmarks;

/// <summary>
/// One decision in process (issue #7; target p50 ≤ 1 ms and ≤ 100 KB allocated): the
/// <see cref="DecisionScenario"/> flow over 1,000 offers through <see cref="DecisionExecutor.Run"/>,
/// scoring priority-weighted or with a thompson_bandit model. What is measured starts after
/// RecommendService's reads: building the <see cref="DecisionContext"/> and running the flow.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class DecisionBenchmarks
{
    private DecisionScenario _scenario = null!;
    private IReadOnlyList<FlowNode> _pipeline = null!;
    private readonly SeededRandomSource _random = new(42);

    [Params("priority_weighted", "thompson_bandit")]
    public string Scoring { get; set; } = "priority_weighted";

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new DecisionScenario();
        _pipeline = DecisionScenario.Pipeline(Scoring == "thompson_bandit" ? DecisionScenario.ThompsonScore : """{ "method": "priority_weighted" }""");
        var context = _scenario.Context(_random);
        var chosen = DecisionExecutor.Run(_pipeline, context);
        // The funnel says how many candidates each node saw, so the figures can be read against it.
        Console.WriteLine($"// funnel: {string.Join(" → ", context.Funnel.Select(f => $"{f.Key} {f.Value}"))}; chosen {string.Join(", ", chosen.Select(c => c.OfferId))}");
        if (chosen.Count != 5) throw new InvalidOperationException("The flow should return 5 offers.");
    }

    [Benchmark(Description = "v2 flow, 1,000 offers, 5 rules, 5 policies")]
    public int Decide() => DecisionExecutor.Run(_pipeline, _scenario.Context(_random)).Count;
}

/// <summary>
/// Where a decision's time and bytes go: the same flow (priority-weighted) cut after its first
/// <see cref="Nodes"/> nodes, so each node's cost is the difference from the row above.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class DecisionStepBenchmarks
{
    private DecisionScenario _scenario = null!;
    private IReadOnlyList<FlowNode> _pipeline = null!;
    private readonly SeededRandomSource _random = new(42);

    /// <summary>1 inventory, 2 + match_creatives, 3 + qualify, 4 + contact_policy, 5 + score, 6 + rank, 7 + response.</summary>
    [Params(1, 2, 3, 4, 5, 6, 7)]
    public int Nodes { get; set; } = 7;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new DecisionScenario();
        _pipeline = [.. DecisionScenario.Pipeline().Take(Nodes)];
    }

    [Benchmark(Description = "flow cut after N nodes")]
    public int Decide() => DecisionExecutor.Run(_pipeline, _scenario.Context(_random)).Count;
}
