using Kaireon.Functions.Hosting.Invocations;

namespace Kaireon.Functions.Triggers;

public static class TriggerServices
{
    /// <summary>The host's half of triggers: the timer function, the action worker and the guarded webhook client.</summary>
    public static IServiceCollection AddKaireonTriggers(this IServiceCollection services)
    {
        services.AddOptions<TriggerOptions>().BindConfiguration(TriggerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(WebhookSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(WebhookSender.CreateHandler);
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<TriggerActionRunner>();
        services.AddHostedService<TriggerActionWorker>();
        services.AddFunctionInvocation<EvaluateTriggersInvocation>(EvaluateTriggersInvocation.FunctionName);
        return services;
    }
}
