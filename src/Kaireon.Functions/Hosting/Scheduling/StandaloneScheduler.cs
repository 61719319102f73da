using Kaireon.Core.Storage;
using System.Text.Json;
using Kaireon.Functions.Hosting.Invocations;

namespace Kaireon.Functions.Hosting.Scheduling;

/// <summary>
/// The Timer trigger of a standalone Kaireon (design §1): each registered function with a
/// <c>timerTrigger</c> in its <c>function.json</c> is invoked on that schedule through the same
/// <see cref="IFunctionInvocationHandler"/> the Functions host calls, with the same payload shape.
/// Time comes from <see cref="TimeProvider"/>; a failed run is logged and the schedule goes on,
/// as under the host.
/// </summary>
public sealed partial class StandaloneScheduler(
    IEnumerable<FunctionSchedule> schedules,
    IEnumerable<FunctionInvocationRegistration> registrations,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<StandaloneScheduler> logger) : BackgroundService
{
    /// <summary>A run that starts later than this after its occurrence is reported as past due.</summary>
    public static readonly TimeSpan PastDueAfter = TimeSpan.FromSeconds(30);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var registered = registrations.Select(r => r.FunctionName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var due = schedules.Where(s => registered.Contains(s.FunctionName)).ToList();
        foreach (var schedule in due) LogScheduled(logger, schedule.FunctionName, schedule.Expression);
        return Task.WhenAll(due.Select(s => RunAsync(s, stoppingToken)));
    }

    private async Task RunAsync(FunctionSchedule schedule, CancellationToken ct)
    {
        var last = DateTimeOffset.MinValue;
        while (!ct.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            if (schedule.Cron.GetNextOccurrence(now, TimeZoneInfo.Utc) is not { } next) return;
            try
            {
                await Task.Delay(next - now, clock, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var started = clock.GetUtcNow();
            var following = schedule.Cron.GetNextOccurrence(next, TimeZoneInfo.Utc) ?? next;
            var timer = new TimerInfo
            {
                ScheduleStatus = new TimerScheduleStatus(last, following, started),
                IsPastDue = started - next > PastDueAfter,
            };
            await InvokeAsync(schedule.FunctionName, timer, started, ct);
            last = next;
        }
    }

    /// <summary>Runs one occurrence as the host would post it; public so a test can drive a single tick.</summary>
    public async Task InvokeAsync(string functionName, TimerInfo timer, DateTimeOffset now, CancellationToken ct)
    {
        BackgroundWork.Enter();
        var invocation = new FunctionInvocation
        {
            Data = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase)
            {
                ["timer"] = JsonSerializer.SerializeToElement(timer, InvocationJsonContext.Default.TimerInfo),
            },
            Metadata = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase)
            {
                ["sys"] = JsonSerializer.SerializeToElement(new SystemMetadata(functionName, now, Guid.NewGuid()), InvocationJsonContext.Default.SystemMetadata),
            },
        };
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredKeyedService<IFunctionInvocationHandler>(functionName);
            var reply = await handler.InvokeAsync(invocation, ct);
            foreach (var line in reply.Logs) LogRun(logger, functionName, line);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogFailed(logger, e, functionName);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled {FunctionName} on {Schedule}")]
    private static partial void LogScheduled(ILogger logger, string functionName, string schedule);

    [LoggerMessage(Level = LogLevel.Information, Message = "{FunctionName}: {Line}")]
    private static partial void LogRun(ILogger logger, string functionName, string line);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled run of {FunctionName} failed; the next occurrence runs as planned")]
    private static partial void LogFailed(ILogger logger, Exception exception, string functionName);
}
