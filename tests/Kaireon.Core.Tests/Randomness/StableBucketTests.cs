using Kaireon.Core.Randomness;

namespace Kaireon.Core.Tests.Randomness;

public sealed class StableBucketTests
{
    [Fact]
    public void The_same_customer_and_salt_land_in_the_same_bucket() =>
        Assert.Equal(StableBucket.Of("CUST001", "flow-a"), StableBucket.Of("CUST001", "flow-a"));

    [Fact]
    public void The_bucket_is_fixed_across_processes_and_versions() =>
        // Pinned: a change here would move every customer to another variant or challenger.
        Assert.Equal(0.86629170296226876, StableBucket.Of("CUST001", "flow-a"));

    [Fact]
    public void A_different_salt_reshuffles_customers()
    {
        var customers = Enumerable.Range(0, 1_000).Select(i => $"c{i}").ToArray();
        var a = customers.Select(c => StableBucket.Of(c, "experiment-a") < 0.5).ToArray();
        var b = customers.Select(c => StableBucket.Of(c, "experiment-b") < 0.5).ToArray();
        var same = a.Zip(b).Count(p => p.First == p.Second);
        Assert.InRange(same, 420, 580);
    }

    [Fact]
    public void Buckets_spread_evenly_over_zero_to_one()
    {
        var buckets = Enumerable.Range(0, 10_000).Select(i => StableBucket.Of($"customer-{i}", "salt")).ToArray();
        Assert.All(buckets, b => Assert.InRange(b, 0, 0.9999999999999999));
        var deciles = buckets.GroupBy(b => (int)(b * 10)).Select(g => g.Count()).ToArray();
        Assert.Equal(10, deciles.Length);
        Assert.All(deciles, count => Assert.InRange(count, 850, 1_150));
    }

    [Fact]
    public void Long_ids_hash_too() =>
        Assert.InRange(StableBucket.Of(new string('x', 2_000), "salt"), 0, 1);

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.249, 0)]
    [InlineData(0.25, 1)]
    [InlineData(0.999, 2)]
    public void Pick_chooses_by_cumulative_weight(double bucket, int expected) =>
        Assert.Equal(expected, StableBucket.Pick(bucket, [25, 50, 25]));

    [Fact]
    public void Pick_skips_zero_weights_and_takes_index_0_when_all_are_zero()
    {
        Assert.Equal(1, StableBucket.Pick(0.0, [0, 1, 0]));
        Assert.Equal(1, StableBucket.Pick(0.99, [0, 1, 0]));
        Assert.Equal(0, StableBucket.Pick(0.7, [0, 0]));
    }
}
