using BenchmarkDotNet.Running;

namespace Kaireon.Benchmarks;

/// <summary>
/// <c>micro</c>: the BenchmarkDotNet benchmarks of this assembly (<c>--filter '*Condition*'</c>).
/// Results go to <c>artifacts/benchmarks</c>, which git ignores, unless <c>--artifacts</c> says otherwise.
/// </summary>
internal static class Micro
{
    public static int Run(string[] args)
    {
        if (!args.Contains("--artifacts")) args = [.. args, "--artifacts", Path.Combine("artifacts", "benchmarks")];
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Micro).Assembly).Run(args);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}
