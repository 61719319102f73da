using System.Collections.Concurrent;
using System.Text.Json;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Scoring;

/// <summary>
/// Where learning models (bayesian, thompson_bandit, epsilon_greedy) learn (design §7): the stream
/// adds each batch's outcomes to the tenant's <see cref="LearningShard"/> of the batch's partition,
/// exactly once by sequence number, in the same step as the tenant rollups (before the customer
/// writes, so a crash between them is repaired by redelivery). Decisions read the shards summed,
/// from memory, at most <see cref="MaxStaleness"/> old: one single-partition query per tenant per
/// interval, never one per decision.
/// </summary>
public sealed class ModelLearning(IRollupStore rollups, TimeProvider clock)
{
    public static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<TenantId, (DateTimeOffset ReadAt, TenantLearning Learning)> _cache = new();

    /// <summary>Adds the outcomes of one tenant's events in a batch of <paramref name="streamPartition"/> to its shard; answers how many it counted.</summary>
    public async Task<int> ApplyAsync(
        TenantId tenant, string streamPartition, IReadOnlyCollection<(long Sequence, Interaction Interaction)> events, CancellationToken ct)
    {
        if (!events.Any(e => LearningShard.Counts(e.Interaction))) return 0;
        var maxSequence = events.Max(e => e.Sequence);
        var counted = 0;
        await DocumentUpdate.UpdateAsync(rollups, Partition(tenant), LearningShard.DocumentId(streamPartition), KaireonJson.Default.LearningShard, current =>
        {
            counted = 0;
            var next = current?.Copy() ?? new LearningShard { StreamPartition = streamPartition };
            foreach (var (sequence, interaction) in events)
            {
                if (sequence > next.LastSequence && next.Add(interaction)) counted++;
            }
            if (counted == 0) return null;
            next.LastSequence = maxSequence;
            return next;
        }, ct);
        return counted;
    }

    /// <summary>What the tenant's models have learned, summed over its shards; read again once older than <see cref="MaxStaleness"/>.</summary>
    public async ValueTask<TenantLearning> GetAsync(TenantId tenant, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(tenant, out var cached) && now - cached.ReadAt < MaxStaleness) return cached.Learning;
        var shards = await rollups.RangeAsync(Partition(tenant), "p", "p~", ct);
        var learning = TenantLearning.Sum(shards.Select(s => s.Deserialize(KaireonJson.Default.LearningShard)!));
        _cache[tenant] = (now, learning);
        return learning;
    }

    private static DocumentPartition Partition(TenantId tenant) => new(tenant, LearningShard.PartitionKey);
}

/// <summary>A tenant's learning shards summed: each model's <see cref="LearnedState"/>, built once per <see cref="RewardOn"/> and shared.</summary>
public sealed class TenantLearning
{
    public static TenantLearning Empty { get; } = new([]);

    private readonly Dictionary<string, OfferOutcomes> _offers;
    private readonly LearnedState?[] _states = new LearnedState?[Enum.GetValues<RewardOn>().Length];

    private TenantLearning(Dictionary<string, OfferOutcomes> offers) => _offers = offers;

    /// <summary>Impressions per offer over all time: the fairness dimension of arbitration reads them.</summary>
    public long ImpressionsOf(string offerId) => _offers.GetValueOrDefault(offerId)?.Impressions ?? 0;

    public LearnedState For(RewardOn rewardOn)
    {
        if (_states[(int)rewardOn] is { } built) return built;
        var state = new LearnedState();
        foreach (var (offerId, outcomes) in _offers)
        {
            var arm = outcomes.Arm(rewardOn);
            state.Arms[offerId] = arm;
            if (outcomes.CategoryId is { } category) state.Categories[category] = state.Categories.GetValueOrDefault(category) + arm;
            state.Total += arm;
        }
        return _states[(int)rewardOn] = state;
    }

    public static TenantLearning Sum(IEnumerable<LearningShard> shards)
    {
        var offers = new Dictionary<string, OfferOutcomes>(StringComparer.Ordinal);
        foreach (var (offerId, outcomes) in shards.SelectMany(s => s.Offers))
        {
            if (!offers.TryGetValue(offerId, out var sum)) offers[offerId] = sum = new OfferOutcomes();
            sum.CategoryId = outcomes.CategoryId ?? sum.CategoryId;
            sum.Impressions += outcomes.Impressions;
            sum.Positives += outcomes.Positives;
            sum.Conversions += outcomes.Conversions;
        }
        return new TenantLearning(offers);
    }
}
