using System.Text.Json;
using Cronos;
using Kaireon.Functions.Hosting.Invocations;
using Kaireon.Functions.Hosting.Scheduling;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kaireon.Functions.Tests.Hosting;

public sealed class StandaloneSchedulerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Start = new(2025, 3, 4, 9, 13, 30, TimeSpan.Zero);

    private sealed class Recorder
    {
        public List<FunctionInvocation> Invocations { get; } = [];
        public SemaphoreSlim Signal { get; } = new(0);
    }

    private sealed class RecordingHandler(Recorder recorder) : IFunctionInvocationHandler
    {
        public Task<InvocationReply> InvokeAsync(FunctionInvocation invocation, CancellationToken ct)
        {
            lock (recorder.Invocations) recorder.Invocations.Add(invocation);
            recorder.Signal.Release();
            return Task.FromResult(InvocationReply.WithLogs("tick handled"));
        }
    }

    private sealed class FailingHandler(Recorder recorder) : IFunctionInvocationHandler
    {
        public Task<InvocationReply> InvokeAsync(FunctionInvocation invocation, CancellationToken ct)
        {
            recorder.Signal.Release();
            throw new InvalidOperationException("the store is down");
        }
    }

    private static (StandaloneScheduler Scheduler, Recorder Recorder) Build<THandler>(FakeTimeProvider clock, string cron)
        where THandler : class, IFunctionInvocationHandler
    {
        var services = new ServiceCollection();
        var recorder = new Recorder();
        services.AddSingleton(recorder);
        services.AddFunctionInvocation<THandler>("Tick");
        var provider = services.BuildServiceProvider();
        var scheduler = new StandaloneScheduler(
            [new FunctionSchedule("Tick", CronExpression.Parse(cron, CronFormat.IncludeSeconds)), new FunctionSchedule("NotRegistered", CronExpression.Parse("* * * * * *", CronFormat.IncludeSeconds))],
            provider.GetServices<FunctionInvocationRegistration>(),
            provider.GetRequiredService<IServiceScopeFactory>(),
            clock,
            NullLogger<StandaloneScheduler>.Instance);
        return (scheduler, recorder);
    }

    /// <summary>
    /// Advances the fake clock ten seconds at a time (landing exactly on every occurrence of the
    /// schedules used here), giving the scheduler a moment after each step, until the handler has
    /// run <paramref name="runs"/> times in all.
    /// </summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Recorder recorder, int runs)
    {
        for (var step = 0; step < 360; step++)
        {
            if (await recorder.Signal.WaitAsync(TimeSpan.FromMilliseconds(50), Ct) && --runs == 0) return;
            clock.Advance(TimeSpan.FromSeconds(10));
        }
        Assert.Fail("The scheduled function did not run within an hour of fake time.");
    }

    [Fact]
    public async Task A_timer_function_runs_at_each_occurrence_with_the_hosts_payload_shape()
    {
        var clock = new FakeTimeProvider(Start);
        var (scheduler, recorder) = Build<RecordingHandler>(clock, "0 */5 * * * *");
        await scheduler.StartAsync(Ct);

        await AdvanceUntilAsync(clock, recorder, 2);
        await scheduler.StopAsync(Ct);

        Assert.Equal(2, recorder.Invocations.Count);
        var first = recorder.Invocations[0].GetData("timer", InvocationJsonContext.Default.TimerInfo)!;
        var second = recorder.Invocations[1].GetData("timer", InvocationJsonContext.Default.TimerInfo)!;
        Assert.Equal(DateTimeOffset.MinValue, first.ScheduleStatus!.Last);
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 9, 20, 0, TimeSpan.Zero), first.ScheduleStatus.Next);
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 9, 15, 0, TimeSpan.Zero), second.ScheduleStatus!.Last);
        Assert.False(first.IsPastDue);
        var sys = recorder.Invocations[0].GetMetadata("sys", InvocationJsonContext.Default.SystemMetadata)!;
        Assert.Equal("Tick", sys.MethodName);
        // The run starts at its occurrence, or a step later if the machine is slow; never past due.
        Assert.InRange(sys.UtcNow, new DateTimeOffset(2025, 3, 4, 9, 15, 0, TimeSpan.Zero), new DateTimeOffset(2025, 3, 4, 9, 15, 20, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_failing_run_is_logged_and_the_schedule_goes_on()
    {
        var clock = new FakeTimeProvider(Start);
        var (scheduler, recorder) = Build<FailingHandler>(clock, "*/10 * * * * *");
        await scheduler.StartAsync(Ct);

        // Three runs, each throwing: the later ones ran although the earlier failed.
        await AdvanceUntilAsync(clock, recorder, 3);

        Assert.False(scheduler.ExecuteTask!.IsCompleted);
        await scheduler.StopAsync(Ct);
    }

    [Fact]
    public void The_scheduler_sends_what_the_host_sends_for_a_timer()
    {
        var hostTimer = Invocations.InvocationFixtures.Node("timer.json")["Data"]!["timer"]!.ToJsonString();

        var parsed = JsonSerializer.Deserialize(hostTimer, InvocationJsonContext.Default.TimerInfo)!;
        var ours = JsonSerializer.Serialize(parsed, InvocationJsonContext.Default.TimerInfo);

        Assert.Equal(new DateTimeOffset(2025, 3, 4, 9, 15, 0, TimeSpan.Zero), parsed.ScheduleStatus!.Next);
        Assert.Equal(
            JsonSerializer.Deserialize<JsonElement>(hostTimer).EnumerateObject().Select(p => p.Name),
            JsonSerializer.Deserialize<JsonElement>(ours).EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Schedules_come_from_the_timer_triggers_of_the_function_json_files()
    {
        var schedules = FunctionSchedule.ReadAll(AppContext.BaseDirectory);

        var purge = Assert.Single(schedules, s => s.FunctionName == "PurgeExpiredTraces");
        Assert.Equal(new DateTime(2025, 3, 4, 10, 7, 0, DateTimeKind.Utc), purge.Cron.GetNextOccurrence(new DateTime(2025, 3, 4, 9, 7, 0, DateTimeKind.Utc)));
        Assert.DoesNotContain(schedules, s => s.FunctionName == "Api");
        Assert.Throws<FormatException>(() => FunctionSchedule.Parse("Bad", """{"bindings":[{"type":"timerTrigger","name":"timer","schedule":"*/5 * * * *"}]}"""));
    }

    [Fact]
    public void Only_function_json_files_one_level_down_are_functions()
    {
        var root = Directory.CreateTempSubdirectory("kaireon-approot-").FullName;
        try
        {
            const string timer = """{"bindings":[{"type":"timerTrigger","name":"timer","schedule":"0 */1 * * * *"}]}""";
            Directory.CreateDirectory(Path.Combine(root, "Tick"));
            File.WriteAllText(Path.Combine(root, "Tick", "function.json"), timer);
            // What a RID-specific build leaves inside the build folder: the same functions again, one level deeper.
            Directory.CreateDirectory(Path.Combine(root, "linux-x64", "Tick"));
            File.WriteAllText(Path.Combine(root, "linux-x64", "Tick", "function.json"), timer);

            Assert.Equal(["Tick"], FunctionSchedule.ReadAll(root).Select(s => s.FunctionName));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("7999", false)]
    public void The_scheduler_runs_standalone_only(string? customHandlerPort, bool expected)
    {
        using var app = new KaireonApp().WithWebHostBuilder(b => b.UseSetting("FUNCTIONS_CUSTOMHANDLER_PORT", customHandlerPort));

        var hosted = app.Services.GetServices<IHostedService>();

        Assert.Equal(expected, hosted.OfType<StandaloneScheduler>().Any());
    }
}
