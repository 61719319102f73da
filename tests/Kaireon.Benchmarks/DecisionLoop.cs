using System.Diagnostics;
using System.Globalization;
using Kaireon.Core.Decisioning;
using Kaireon.Core.Randomness;

namespace Kaireon.Benchmarks;

/// <summary>
/// <c>decide</c>: the <see cref="DecisionScenario"/> decision in a loop, timed one decision at a time,
/// so the percentiles of single decisions are known (BenchmarkDotNet reports means of batches) and a
/// profiler can attach (<c>dotnet-trace collect -- dotnet Kaireon.Benchmarks.dll decide</c>).
/// Wall-clock percentiles grow with the machine's load; the process CPU time per decision much less.
/// Options: <c>--decisions 2000</c>, <c>--warmup 300</c>, <c>--scoring priority_weighted|thompson_bandit</c>,
/// <c>--nodes 7</c> (cut the flow after that many nodes).
/// </summary>
internal static class DecisionLoop
{
    public static int Run(string[] args)
    {
        var decisions = int.Parse(Option(args, "--decisions", "2000"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(Option(args, "--warmup", "300"), CultureInfo.InvariantCulture);
        var scoring = Option(args, "--scoring", "priority_weighted");
        var nodes = int.Parse(Option(args, "--nodes", "7"), CultureInfo.InvariantCulture);
        var scenario = new DecisionScenario();
        var pipeline = DecisionScenario.Pipeline(scoring == "thompson_bandit" ? DecisionScenario.ThompsonScore : """{ "method": "priority_weighted" }""").Take(nodes).ToList();
        var random = new SeededRandomSource(42);
        for (var i = 0; i < warmup; i++) DecisionExecutor.Run(pipeline, scenario.Context(random));

        var times = new double[decisions];
        var bytes = new long[decisions];
        // Process CPU time (GC threads included) does not grow with other processes' load as wall time does.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < decisions; i++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            DecisionExecutor.Run(pipeline, scenario.Context(random));
            times[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            bytes[i] = GC.GetAllocatedBytesForCurrentThread() - allocated;
        }
        var cpuPerDecision = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / decisions;
        Array.Sort(times);
        double P(double q) => times[Math.Min(times.Length - 1, (int)(q * times.Length))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scoring}, {nodes} nodes, {decisions} decisions: p50 {P(0.5):F0} µs, p90 {P(0.9):F0} µs, p99 {P(0.99):F0} µs, mean {times.Average():F0} µs; CPU {cpuPerDecision:F0} µs per decision; allocated {bytes.Average() / 1024:F1} KB per decision; load average {LoadAverage()}"));
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
