using System.Text.Json;
using Cronos;

namespace Kaireon.Functions.Hosting.Scheduling;

/// <summary>
/// A timer-triggered function and its schedule: the six-field NCRONTAB expression (with seconds) of
/// the <c>timerTrigger</c> binding in its <c>function.json</c>, the one place a schedule is written.
/// </summary>
public sealed record FunctionSchedule(string FunctionName, CronExpression Cron)
{
    /// <summary>The schedule as written in <c>function.json</c> (Cronos prints its own normal form).</summary>
    public string Expression { get; init; } = Cron.ToString();

    /// <summary>
    /// The timer schedules of the functions beside the executable: <c>&lt;Name&gt;/function.json</c>
    /// one level down, where the host reads them. Deeper copies (a RID-specific build output such as
    /// <c>linux-x64/</c> inside the build folder) are not functions, and would run each timer twice.
    /// </summary>
    public static IReadOnlyList<FunctionSchedule> ReadAll(string appRoot)
    {
        var schedules = new List<FunctionSchedule>();
        if (!Directory.Exists(appRoot)) return schedules;
        foreach (var folder in Directory.EnumerateDirectories(appRoot))
        {
            var file = Path.Combine(folder, "function.json");
            if (File.Exists(file) && Parse(Path.GetFileName(folder), File.ReadAllText(file)) is { } schedule) schedules.Add(schedule);
        }
        return schedules;
    }

    /// <summary>The schedule of a <c>function.json</c>, or null when it has no timer trigger.</summary>
    /// <exception cref="FormatException">The timer trigger's schedule is not a valid six-field expression.</exception>
    public static FunctionSchedule? Parse(string functionName, string functionJson)
    {
        using var document = JsonDocument.Parse(functionJson);
        if (!document.RootElement.TryGetProperty("bindings", out var bindings)) return null;
        foreach (var binding in bindings.EnumerateArray())
        {
            if (binding.TryGetProperty("type", out var type) && type.GetString() == "timerTrigger"
                && binding.TryGetProperty("schedule", out var schedule))
            {
                try
                {
                    var expression = schedule.GetString() ?? "";
                    return new FunctionSchedule(functionName, CronExpression.Parse(expression, CronFormat.IncludeSeconds)) { Expression = expression };
                }
                catch (CronFormatException e)
                {
                    throw new FormatException($"{functionName}/function.json: '{schedule}' is not a six-field schedule.", e);
                }
            }
        }
        return null;
    }
}
