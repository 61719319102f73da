using Kaireon.Benchmarks;

// Benchmarks and load drivers; docs/benchmarks.md holds the figures and the commands.
var rest = args.Skip(1).ToArray();
return await (args.FirstOrDefault() switch
{
    "store-ops" => StoreOps.RunAsync(rest),
    "pipeline" => Pipeline.RunAsync(rest),
    "trigger-ops" => TriggerStoreOps.RunAsync(rest),
    "setup" => HttpDrivers.SetupAsync(rest),
    "load" => HttpDrivers.LoadAsync(rest),
    "ingest" => HttpDrivers.IngestAsync(rest),
    "micro" => Task.FromResult(Micro.Run(rest)),
    "regret" => Task.FromResult(RegretReport.Run(rest)),
    "decide" => Task.FromResult(DecisionLoop.Run(rest)),
    _ => HttpDrivers.UsageAsync(),
});
