using Polly;
using Polly.Retry;

namespace Kaireon.Core.Storage;

/// <summary>
/// Retries idempotent work (applying a stream batch, recording an interaction) when the store is
/// briefly unavailable: up to four more attempts, exponential backoff with jitter from 200 ms.
/// Only <see cref="StoreUnavailableException"/> is retried; what still fails is the caller's to
/// surface (the Functions host retries the invocation, the local consumer the batch).
/// </summary>
public sealed class TransientStoreRetry(TimeProvider clock)
{
    public const int MaxRetries = 4;

    private readonly ResiliencePipeline _pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<StoreUnavailableException>(),
            MaxRetryAttempts = MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
        })
        .Build();

    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> work, CancellationToken ct) => _pipeline.ExecuteAsync(work, ct);
}
