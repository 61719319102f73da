using Kaireon.Core.Conditions;
using static Kaireon.Core.Tests.Conditions.Conditions;

namespace Kaireon.Core.Tests.Conditions;

public sealed class ConditionCacheTests
{
    private static readonly System.Text.Json.JsonElement V1 = JsonOf("{'field':'x','operator':'gt','value':1}");
    private static readonly System.Text.Json.JsonElement V2 = JsonOf("{'field':'x','operator':'gt','value':2}");

    [Fact]
    public void A_version_is_compiled_once_and_a_new_version_replaces_it()
    {
        var cache = new ConditionCache();

        var first = cache.GetOrAdd("acme/bm_1", "\"etag-1\"", V1);
        var again = cache.GetOrAdd("acme/bm_1", "\"etag-1\"", V2);
        var second = cache.GetOrAdd("acme/bm_1", "\"etag-2\"", V2);

        Assert.Same(first, again);
        Assert.NotSame(first, second);
        Assert.True(second.Evaluate(Data("{'x':3}")));
        Assert.False(second.Evaluate(Data("{'x':2}")));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void The_cache_stays_within_its_capacity()
    {
        var cache = new ConditionCache(capacity: 3);

        for (var i = 0; i < 10; i++) cache.GetOrAdd($"owner-{i}", "v", V1);

        Assert.InRange(cache.Count, 1, 3);
    }

    [Fact]
    public void Removing_an_owner_forgets_it()
    {
        var cache = new ConditionCache();
        var compiled = 0;
        CompiledCondition Compile(int _) { compiled++; return ConditionTree.Parse(V1).Compile(); }

        cache.GetOrAdd("o", "v", 0, Compile);
        cache.Remove("o");
        cache.GetOrAdd("o", "v", 0, Compile);

        Assert.Equal(2, compiled);
    }

    [Fact]
    public async Task Concurrent_readers_get_a_working_condition()
    {
        var cache = new ConditionCache(capacity: 8);
        var ct = TestContext.Current.CancellationToken;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            var ok = true;
            for (var i = 0; i < 2_000; i++)
                ok &= cache.GetOrAdd($"owner-{i % 20}", $"v{i % 3}", V1).Evaluate(Data("{'x':5}"));
            return ok;
        }, ct)));

        Assert.All(results, Assert.True);
    }
}
