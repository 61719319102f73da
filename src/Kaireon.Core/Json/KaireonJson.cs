using System.Text.Json;
using System.Text.Json.Serialization;
using Kaireon.Core.Audit;
using Kaireon.Core.Behaviors;
using Kaireon.Core.Catalog;
using Kaireon.Core.Categories;
using Kaireon.Core.Channels;
using Kaireon.Core.ContactPolicies;
using Kaireon.Core.Creatives;
using Kaireon.Core.Customers;
using Kaireon.Core.DeadLetters;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.DecisionTraces;
using Kaireon.Core.Interactions;
using Kaireon.Core.Metrics;
using Kaireon.Core.Offers;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Placements;
using Kaireon.Core.QualificationRules;
using Kaireon.Core.Recommendations;
using Kaireon.Core.Scoring;
using Kaireon.Core.SubCategories;
using Kaireon.Core.Summaries;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Triggers;

namespace Kaireon.Core.Json;

/// <summary>
/// The one source-generated JSON contract of Kaireon: camelCase properties, snake_case enum values
/// (each enum names its converter), nulls omitted. Stored documents and the wire use the same shape.
/// Type discriminators (a rule's <c>ruleType</c>, a node's <c>type</c>) may come anywhere in their
/// object, as clients write them (<c>{ "name": …, "ruleType": … }</c>).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true,
    MaxDepth = 64)]
[JsonSerializable(typeof(Category))]
[JsonSerializable(typeof(SubCategory))]
[JsonSerializable(typeof(Channel))]
[JsonSerializable(typeof(Placement))]
[JsonSerializable(typeof(Offer))]
[JsonSerializable(typeof(Creative))]
[JsonSerializable(typeof(OutcomeType))]
[JsonSerializable(typeof(Tenant))]
[JsonSerializable(typeof(TenantSettings))]
[JsonSerializable(typeof(ApiKey))]
[JsonSerializable(typeof(ApiKeyLookup))]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(Page<Category>))]
[JsonSerializable(typeof(Page<SubCategory>))]
[JsonSerializable(typeof(Page<Channel>))]
[JsonSerializable(typeof(Page<Placement>))]
[JsonSerializable(typeof(Page<Offer>))]
[JsonSerializable(typeof(Page<Creative>))]
[JsonSerializable(typeof(Page<OutcomeType>))]
[JsonSerializable(typeof(SummaryDefinition))]
[JsonSerializable(typeof(Page<SummaryDefinition>))]
[JsonSerializable(typeof(Page<ApiKey>))]
[JsonSerializable(typeof(Page<AuditEntry>))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(JsonDocument))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(DeadLetter))]
[JsonSerializable(typeof(Page<DeadLetter>))]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(CustomerDay))]
[JsonSerializable(typeof(TenantRollup))]
[JsonSerializable(typeof(StreamEvent))]
[JsonSerializable(typeof(StreamEvent[]))]
[JsonSerializable(typeof(RecordedRecommendation))]
[JsonSerializable(typeof(Kaireon.Core.Decisioning.RecommendRequest))]
[JsonSerializable(typeof(DecisionTrace))]
[JsonSerializable(typeof(Page<DecisionTrace>))]
[JsonSerializable(typeof(BehavioralMetric))]
[JsonSerializable(typeof(Page<BehavioralMetric>))]
[JsonSerializable(typeof(CustomerMetricBook))]
[JsonSerializable(typeof(CustomerChanges))]
[JsonSerializable(typeof(ChangeLogEntry))]
[JsonSerializable(typeof(MetricJob))]
[JsonSerializable(typeof(Trigger))]
[JsonSerializable(typeof(Page<Trigger>))]
[JsonSerializable(typeof(CustomerTriggerBook))]
[JsonSerializable(typeof(TriggerOutcome))]
[JsonSerializable(typeof(Page<TriggerOutcome>))]
[JsonSerializable(typeof(TriggerDelivery))]
[JsonSerializable(typeof(Page<TriggerDelivery>))]
[JsonSerializable(typeof(TriggerDueBody))]
[JsonSerializable(typeof(TriggerDispatchBody))]
[JsonSerializable(typeof(TriggerSimulationRequest))]
[JsonSerializable(typeof(TriggerSimulation))]
[JsonSerializable(typeof(TriggerWebhookPayload))]
[JsonSerializable(typeof(AlgorithmModel))]
[JsonSerializable(typeof(Page<AlgorithmModel>))]
[JsonSerializable(typeof(ArbitrationProfile))]
[JsonSerializable(typeof(Page<ArbitrationProfile>))]
[JsonSerializable(typeof(LearnedState))]
[JsonSerializable(typeof(LearningShard))]
[JsonSerializable(typeof(Kaireon.Core.Conditions.ConditionExplanation))]
[JsonSerializable(typeof(QualificationRule))]
[JsonSerializable(typeof(Page<QualificationRule>))]
[JsonSerializable(typeof(ContactPolicy))]
[JsonSerializable(typeof(Page<ContactPolicy>))]
[JsonSerializable(typeof(DecisionFlow))]
[JsonSerializable(typeof(Page<DecisionFlow>))]
[JsonSerializable(typeof(DecisionFlowVersion))]
[JsonSerializable(typeof(Page<DecisionFlowVersion>))]
[JsonSerializable(typeof(FlowRoute))]
[JsonSerializable(typeof(Page<FlowRoute>))]
[JsonSerializable(typeof(CustomerProfile))]
[JsonSerializable(typeof(CustomerProfileInput))]
[JsonSerializable(typeof(Behavior))]
[JsonSerializable(typeof(Page<Behavior>))]
[JsonSerializable(typeof(CustomerBehaviorBook))]
[JsonSerializable(typeof(BehaviorActivity))]
[JsonSerializable(typeof(BehaviorTestResult))]
public sealed partial class KaireonJson : JsonSerializerContext;
