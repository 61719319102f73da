using System.Diagnostics;
using System.Globalization;

namespace Kaireon.Benchmarks;

/// <summary>
/// <c>regret</c>: the seeded simulation of <see cref="RegretSimulation"/> for every policy and both
/// scenarios, printed as the markdown tables of docs/benchmarks.md (Decisioning — learning).
/// Options: <c>--customers 10000</c>, <c>--seeds 20</c>.
/// </summary>
internal static class RegretReport
{
    public static int Run(string[] args)
    {
        var customers = Option(args, "--customers", 10_000);
        var seeds = Option(args, "--seeds", 20);
        RegretSimulation.Policy[] policies =
        [
            RegretSimulation.Policy.BestFixed,
            RegretSimulation.Policy.Thompson(),
            RegretSimulation.Policy.EpsilonGreedy(0.1),
            RegretSimulation.Policy.EpsilonGreedy(0.05),
            RegretSimulation.Policy.EpsilonGreedy(0.2, decayRate: 0.001),
            RegretSimulation.Policy.Random,
            RegretSimulation.Policy.EpsilonGreedy(0.1) with { Name = "epsilon_greedy ε=0.1, one candidate per call (as ScoreStep calls it)", OneCandidateAtATime = true },
        ];
        var started = Stopwatch.GetTimestamp();
        foreach (var scenario in new[] { RegretSimulation.Spread, RegretSimulation.Close })
        {
            var runs = policies.ToDictionary(p => p, p => Enumerable.Range(1, seeds).Select(s => RegretSimulation.Simulate(scenario, p, customers, s)).ToList());
            var randomRegret = runs[RegretSimulation.Policy.Random].Average(r => r.Regret);
            var oracleConversions = runs[RegretSimulation.Policy.BestFixed].Average(r => r.Conversions);
            Console.WriteLine();
            Console.WriteLine($"### {scenario.Name}: {customers:N0} customers, {seeds} seeds (mean ± sd)");
            Console.WriteLine();
            Console.WriteLine($"| policy | expected regret after {customers / 10:N0} | expected regret after {customers:N0} | % of random's regret | conversions | conversions lost vs best fixed | best offer's share, last 1,000 |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var (policy, list) in runs)
            {
                var early = RegretSimulation.MeanSd([.. list.Select(r => r.EarlyRegret)]);
                var regret = RegretSimulation.MeanSd([.. list.Select(r => r.Regret)]);
                var conversions = RegretSimulation.MeanSd([.. list.Select(r => (double)r.Conversions)]);
                var share = RegretSimulation.MeanSd([.. list.Select(r => r.BestShareAtEnd)]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {policy.Name} | {early.Mean:F1} ± {early.Sd:F1} | {regret.Mean:F1} ± {regret.Sd:F1} | {100 * regret.Mean / randomRegret:F0} % | {conversions.Mean:F0} ± {conversions.Sd:F0} | {oracleConversions - conversions.Mean:F0} | {share.Mean:P0} ± {share.Sd:P0} |"));
            }
        }
        Console.WriteLine();
        Console.WriteLine($"// {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
