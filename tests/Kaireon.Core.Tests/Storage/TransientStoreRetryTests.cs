using Kaireon.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Kaireon.Core.Tests.Storage;

public sealed class TransientStoreRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_briefly_unavailable_store_is_retried_until_it_answers()
    {
        var retry = new TransientStoreRetry(TimeProvider.System);
        var attempts = 0;

        var result = await retry.ExecuteAsync(_ => ++attempts < 3 ? throw new StoreUnavailableException() : ValueTask.FromResult(attempts), Ct);

        Assert.Equal(3, result);
    }

    [Fact]
    public async Task Retries_stop_after_four_and_the_failure_surfaces()
    {
        var retry = new TransientStoreRetry(TimeProvider.System);
        var attempts = 0;

        await Assert.ThrowsAsync<StoreUnavailableException>(async () =>
            await retry.ExecuteAsync<int>(_ => { attempts++; throw new StoreUnavailableException(); }, Ct));

        Assert.Equal(1 + TransientStoreRetry.MaxRetries, attempts);
    }

    [Fact]
    public async Task Other_failures_are_not_retried()
    {
        var retry = new TransientStoreRetry(new FakeTimeProvider());
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await retry.ExecuteAsync<int>(_ => { attempts++; throw new InvalidOperationException(); }, Ct));

        Assert.Equal(1, attempts);
    }
}
