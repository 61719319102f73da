using Kaireon.Core;
using Kaireon.Functions.Audit;
using Kaireon.Functions.Behaviors;
using Kaireon.Functions.Catalog;
using Kaireon.Functions.Conditions;
using Kaireon.Functions.ContactPolicies;
using Kaireon.Functions.Customers;
using Kaireon.Functions.DeadLetters;
using Kaireon.Functions.DecisionFlows;
using Kaireon.Functions.DecisionTraces;
using Kaireon.Functions.Decisioning;
using Kaireon.Functions.Health;
using Kaireon.Functions.Hosting;
using Kaireon.Functions.Hosting.Invocations;
using Kaireon.Functions.Interactions;
using Kaireon.Functions.Metrics;
using Kaireon.Functions.QualificationRules;
using Kaireon.Functions.Summaries;
using Kaireon.Functions.Tenancy;
using Kaireon.Functions.Traces;
using Kaireon.Functions.Triggers;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddKaireonHosting();           // standalone on :7071 or custom handler on FUNCTIONS_CUSTOMHANDLER_PORT
builder.AddKaireonStorage();           // Kaireon:Storage:Provider = Sqlite | Cosmos
builder.AddKaireonStream();            // Kaireon:Stream:Provider = Local (SQLite outbox)
builder.Services.AddKaireonCore();
builder.Services.AddApiKeyAuthentication();
builder.Services.AddFunctionInvocation<PurgeExpiredTracesInvocation>(PurgeExpiredTracesInvocation.FunctionName);
builder.Services.AddFunctionInvocation<RecomputeBatchMetricsInvocation>(RecomputeBatchMetricsInvocation.FunctionName);
builder.Services.AddHostedService<DecisionTraceWriter>();
builder.Services.AddKaireonTriggers();       // EvaluateTriggers timer, action worker, guarded webhook client

var app = builder.Build();
app.UseKaireonHosting();               // problem details, Functions envelope, auth

app.MapHealthEndpoints();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapFunctionInvocations();          // POST /<FunctionName> from the Functions host

var api = app.MapGroup("/api/v1");
api.MapTenantEndpoints();
api.MapApiKeyEndpoints();
api.MapSettingsEndpoints();
api.MapCatalogEndpoints();
api.MapSummaryDefinitionEndpoints();
api.MapInteractionEndpoints();
api.MapRecommendEndpoints();
api.MapInteractionSummaryEndpoints();
api.MapBehavioralMetricEndpoints();
api.MapBehaviorEndpoints();
api.MapConditionEndpoints();
api.MapQualificationRuleEndpoints();
api.MapContactPolicyEndpoints();
api.MapDecisionFlowEndpoints();
api.MapCustomerEndpoints();
api.MapDeadLetterEndpoints();
api.MapAuditLogEndpoints();
api.MapDecisionTraceEndpoints();
api.MapTriggerEndpoints();

await app.InitializeKaireonAsync();    // create tables/containers, bootstrap tenant and key
await app.RunAsync();
