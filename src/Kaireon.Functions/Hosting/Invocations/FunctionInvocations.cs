using System.Text.Json;
using Kaireon.Core.Storage;
using Microsoft.Extensions.Options;

namespace Kaireon.Functions.Hosting.Invocations;

/// <summary>
/// How the Functions host reaches the app besides proxied HTTP (design §2): registered functions
/// answer <c>POST /{FunctionName}</c>, and enveloped HTTP functions are unwrapped in the pipeline.
/// </summary>
public static class FunctionInvocations
{
    // WebApplication's key for its global route builder (the one UseExceptionHandler reroutes with).
    private const string GlobalRouteBuilderKey = "__GlobalEndpointRouteBuilder";

    /// <summary>Registers <typeparamref name="THandler"/> (scoped) as the handler of <c>POST /{functionName}</c>.</summary>
    /// <param name="functionName">The function's folder name under <c>functions/</c>, exactly.</param>
    public static IServiceCollection AddFunctionInvocation<THandler>(this IServiceCollection services, string functionName)
        where THandler : class, IFunctionInvocationHandler
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        if (services.Any(d => d.ImplementationInstance is FunctionInvocationRegistration r
                              && string.Equals(r.FunctionName, functionName, StringComparison.OrdinalIgnoreCase)))
            throw new InvalidOperationException($"Function '{functionName}' already has an invocation handler.");

        services.AddSingleton(new FunctionInvocationRegistration(functionName, typeof(THandler)));
        services.AddKeyedScoped<IFunctionInvocationHandler, THandler>(functionName);
        return services;
    }

    /// <summary>
    /// Declares an HTTP-triggered function that the host sends as an envelope because it has a
    /// further binding (e.g. <c>Respond</c> with an <c>eventHub</c> output): its request runs through
    /// the app's routes, and endpoints add outputs through <see cref="FunctionEnvelopeFeature"/>.
    /// </summary>
    public static IServiceCollection AddHttpEnvelopeFunction(
        this IServiceCollection services, string functionName, string triggerBinding = "req", string responseBinding = "res")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        services.Configure<HttpEnvelopeOptions>(o =>
            o.Functions[functionName] = new HttpEnvelopeFunction(functionName, triggerBinding, responseBinding));
        return services;
    }

    /// <summary>The envelope of the current request, when it arrived as one (<see cref="UseFunctionEnvelope"/>).</summary>
    public static FunctionEnvelopeFeature? GetFunctionEnvelope(this HttpContext context) =>
        context.Features.Get<FunctionEnvelopeFeature>();

    /// <summary>
    /// Maps <c>POST /{FunctionName}</c> for every registered handler. Unregistered names stay
    /// unmapped (404); a handler that throws answers 500, which fails the invocation so the host retries.
    /// </summary>
    public static IEndpointRouteBuilder MapFunctionInvocations(this IEndpointRouteBuilder app)
    {
        var envelopes = app.ServiceProvider.GetRequiredService<IOptions<HttpEnvelopeOptions>>().Value.Functions;
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FunctionInvocations).FullName!);
        foreach (var registration in app.ServiceProvider.GetServices<FunctionInvocationRegistration>())
        {
            var name = registration.FunctionName;
            if (envelopes.ContainsKey(name))
                throw new InvalidOperationException($"Function '{name}' is both an HTTP envelope function and an invocation handler.");

            app.MapPost("/" + name, (HttpContext context) => InvokeAsync(context, name, logger))
                .ExcludeFromDescription()
                // The host calls over loopback without an API key; tenants come from the payload itself.
                .AllowAnonymous();
        }

        return app;
    }

    /// <summary>
    /// Unwraps enveloped HTTP functions (<see cref="HttpEnvelopeMiddleware"/>). Call before routing
    /// and authentication, so the inner request is routed and authenticated like a direct one.
    /// </summary>
    public static IApplicationBuilder UseFunctionEnvelope(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        return app.Use(next => new HttpEnvelopeMiddleware(
            next,
            RerouteTo(app, next),
            services.GetRequiredService<IOptions<HttpEnvelopeOptions>>(),
            services.GetRequiredService<ILogger<HttpEnvelopeMiddleware>>()).InvokeAsync);
    }

    internal static async Task WriteReplyAsync(HttpResponse response, InvocationReply reply, CancellationToken ct)
    {
        // Always a body: an empty 2xx leaves the invocation hanging until the function timeout.
        var body = JsonSerializer.SerializeToUtf8Bytes(reply, InvocationJsonContext.Default.InvocationReply);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, ct);
    }

    private static async Task InvokeAsync(HttpContext context, string functionName, ILogger logger)
    {
        BackgroundWork.Enter(); // event batches and timer ticks: no client waits on their writes
        var ct = context.RequestAborted;
        var invocationId = context.Request.Headers["X-Azure-Functions-InvocationId"].ToString();
        FunctionInvocation invocation;
        try
        {
            invocation = await FunctionInvocation.ReadAsync(context.Request.Body, ct);
        }
        catch (JsonException ex)
        {
            logger.LogError(ex, "Function {FunctionName} invocation {InvocationId} has an unreadable body", functionName, invocationId);
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The invocation body is not a Functions envelope.")
                .ExecuteAsync(context);
            return;
        }

        InvocationReply reply;
        try
        {
            var handler = context.RequestServices.GetRequiredKeyedService<IFunctionInvocationHandler>(functionName);
            reply = await handler.InvokeAsync(invocation, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Non-2xx fails the invocation: the host retries per function.json, and the error is logged here
            // because the host drops the body of a failed reply.
            logger.LogError(ex, "Function {FunctionName} invocation {InvocationId} failed", functionName, invocationId);
            await Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: $"Function {functionName} failed.")
                .ExecuteAsync(context);
            return;
        }

        await WriteReplyAsync(context.Response, reply, ct);
    }

    // WebApplication may have run routing before this middleware (when Program.cs does not call
    // UseRouting itself); route the rewritten request again, as UseExceptionHandler does on re-execute.
    private static RequestDelegate RerouteTo(IApplicationBuilder app, RequestDelegate next)
    {
        if (!app.Properties.TryGetValue(GlobalRouteBuilderKey, out var routeBuilder) || routeBuilder is null)
            return next;

        var branch = app.New();
        branch.Properties[GlobalRouteBuilderKey] = routeBuilder;
        branch.UseRouting();
        branch.Run(next);
        return branch.Build();
    }
}
