using Kaireon.Core.Audit;
using Kaireon.Core.Behaviors;
using Kaireon.Core.Catalog;
using Kaireon.Core.Customers;
using Kaireon.Core.DeadLetters;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.DecisionTraces;
using Kaireon.Core.Interactions;
using Kaireon.Core.Metrics;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Recommendations;
using Kaireon.Core.Scoring;
using Kaireon.Core.Storage;
using Kaireon.Core.Summaries;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Triggers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kaireon.Core;

public static class KaireonCoreServices
{
    /// <summary>The domain services. The host binds their options and adds a storage adapter.</summary>
    public static IServiceCollection AddKaireonCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditLog>();
        services.AddSingleton<CatalogSnapshots>();
        services.AddSingleton<CatalogService>(sp => new CatalogService(
            sp.GetRequiredService<ICatalogStore>(), sp.GetRequiredService<AuditLog>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<CatalogSnapshots>()));
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<TenantProvisioner>();
        services.AddSingleton<TransientStoreRetry>();
        services.AddSingleton(sp => new CustomerDayCache(sp.GetService<IOptions<InteractionOptions>>()?.Value.DayCacheInteractions ?? CustomerDayCache.Capacity));
        services.AddSingleton(_ => new InFlightEvents());
        services.AddSingleton<InteractionRecorder>();
        services.AddSingleton<StreamBatchProcessor>();
        services.AddSingleton<ModelLearning>();
        services.AddSingleton<BehaviorCatalog>();
        services.AddSingleton<BehaviorStream>();
        services.AddSingleton<BehaviorActivityReader>();
        services.AddSingleton<TenantMetrics>();
        services.AddSingleton<CustomerMetrics>();
        services.AddSingleton<ChangedCustomers>();
        services.AddSingleton<MetricJobs>();
        services.AddSingleton<SummaryReader>();
        services.AddSingleton<RecommendationLog>();
        services.AddSingleton<DecisionTraceLog>();
        services.AddSingleton<InteractionResolvers>();
        services.AddSingleton<DeadLetterStore>();
        services.AddSingleton<DecisionFlowService>();
        services.AddSingleton<FlowRouting>();
        services.AddSingleton<CustomerProfiles>();
        services.AddSingleton<Decisioning.RecommendService>();
        services.AddSingleton<TriggerCatalog>();
        services.AddSingleton<TriggerLog>();
        services.AddSingleton<TriggerDueIndex>();
        services.AddSingleton<TriggerActionQueue>();
        services.AddSingleton<TriggerDispatches>();
        services.AddSingleton<TriggerStream>();
        services.AddSingleton<IInteractionObserver>(sp => sp.GetRequiredService<TriggerStream>());
        services.AddSingleton<TriggerTimer>();
        services.AddSingleton<TriggerSimulator>();
        services.AddSingleton<ITenantDefaults>(sp => new CatalogDefaults<TenantSettings>(
            sp.GetRequiredService<ICatalogStore>(), TenantSettings.Kind, [new TenantSettings { Id = TenantSettings.DocumentId }], sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ITenantDefaults>(sp => new CatalogDefaults<OutcomeType>(
            sp.GetRequiredService<ICatalogStore>(), OutcomeType.Kind, OutcomeType.Defaults, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ITenantDefaults>(sp => new CatalogDefaults<SummaryDefinition>(
            sp.GetRequiredService<ICatalogStore>(), SummaryDefinition.Kind, SummaryDefinition.Defaults, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
