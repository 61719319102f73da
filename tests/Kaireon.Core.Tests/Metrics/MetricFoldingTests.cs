using Kaireon.Core.Interactions;
using Kaireon.Core.Metrics;

namespace Kaireon.Core.Tests.Metrics;

public sealed class MetricFoldingTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly UtcDay TodayDay = new(Today);

    public static TheoryData<AggregateFunction, SourceField, int?, string> Matrix()
    {
        var data = new TheoryData<AggregateFunction, SourceField, int?, string>();
        foreach (var function in Enum.GetValues<AggregateFunction>())
        {
            var source = function is AggregateFunction.Count or AggregateFunction.Ratio ? SourceField.Positive : SourceField.TotalValue;
            foreach (var window in new int?[] { 1, 7, 30, 365, null })
            {
                foreach (var dimensions in new[] { "", "channelId", "offerId,outcomeType" }) data.Add(function, source, window, dimensions);
            }
        }
        return data;
    }

    private static BehavioralMetric Metric(AggregateFunction function, SourceField source, int? window, string dimensions) =>
        BehavioralMetric.Kind.Normalize(new BehavioralMetric
        {
            Id = "bm_m",
            Name = "m",
            AggregateFunction = function,
            SourceField = source,
            WindowDays = window,
            GroupByDimensions = [.. dimensions.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => Enum.Parse<MetricDimension>(d, ignoreCase: true))],
        });

    private static List<CustomerDay> Days(IEnumerable<Interaction> history) =>
        [.. history.GroupBy(i => i.Day).Select(g => new CustomerDay { CustomerId = "c1", Day = g.Key, Interactions = [.. g] })];

    private static Dictionary<string, decimal?> AsMap(CompiledMetric metric, IReadOnlyList<MetricValue> values) =>
        values.ToDictionary(v => string.Join('|', metric.DimensionNames.Select(n => v.Dimensions[n] ?? "")), v => v.Value);

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Values_from_buckets_equal_the_reference_from_raw_events(AggregateFunction function, SourceField source, int? window, string dimensions)
    {
        var metric = Metric(function, source, window, dimensions);
        var compiled = new CompiledMetric(metric);
        var history = MetricReference.History(seed: 7, count: 600, Today, days: 500);

        var book = MetricFolding.Rebuild([compiled], Days(history), TodayDay, previous: null);
        var values = MetricFolding.Compute(compiled, book.Sections["bm_m"], [], TodayDay);

        Assert.Equal(MetricReference.Values(metric, history, Today, _ => true), AsMap(compiled, values));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Folding_in_any_order_and_repeating_deliveries_counts_each_interaction_once(int seed)
    {
        var metric = Metric(AggregateFunction.Sum, SourceField.TotalValue, 30, "channelId");
        var compiled = new CompiledMetric(metric);
        var history = MetricReference.History(seed, count: 300, Today, days: 40);
        var random = new Random(seed);

        // Day documents grow in random steps; each step is delivered one to three times, as redelivery would.
        var book = MetricFolding.Rebuild([compiled], [], TodayDay, previous: null);
        var grown = new Dictionary<UtcDay, CustomerDay>();
        foreach (var interaction in history.OrderBy(_ => random.Next()))
        {
            var day = grown.TryGetValue(interaction.Day, out var d) ? d : grown[interaction.Day] = new CustomerDay { CustomerId = "c1", Day = interaction.Day };
            day.Interactions.Add(interaction);
            for (var copies = random.Next(1, 4); copies > 0; copies--) MetricFolding.Advance(book, [compiled], [day], TodayDay);
        }

        var values = MetricFolding.Compute(compiled, book.Sections["bm_m"], [], TodayDay);
        Assert.Equal(MetricReference.Values(metric, history, Today, _ => true), AsMap(compiled, values));
    }

    [Fact]
    public void Unfolded_interactions_of_today_are_added_at_read_time()
    {
        var metric = Metric(AggregateFunction.Count, SourceField.Positive, 7, "");
        var compiled = new CompiledMetric(metric);
        var history = MetricReference.History(seed: 5, count: 100, Today, days: 10);
        var (older, todays) = (history.Where(i => i.Day != TodayDay).ToList(), history.Where(i => i.Day == TodayDay).ToList());

        var book = MetricFolding.Rebuild([compiled], Days(older), TodayDay, previous: null);
        var values = MetricFolding.Compute(compiled, book.Sections["bm_m"], todays.Select(i => (i.Day, i)), TodayDay);

        Assert.Equal(MetricReference.Values(metric, history, Today, _ => true)[""], Assert.Single(values).Value);
    }

    [Fact]
    public void Days_that_leave_the_window_are_pruned_and_a_new_day_moves_the_window()
    {
        var metric = Metric(AggregateFunction.Count, SourceField.Positive, 7, "");
        var compiled = new CompiledMetric(metric);
        var history = MetricReference.History(seed: 9, count: 200, Today, days: 30);
        var book = MetricFolding.Rebuild([compiled], Days(history), TodayDay, previous: null);
        Assert.True(book.Sections["bm_m"].Days.Keys.All(k => string.CompareOrdinal(k, TodayDay.AddDays(-6).ToString()) >= 0));

        var tomorrow = TodayDay.AddDays(1);
        Assert.True(MetricFolding.Advance(book, [compiled], [], tomorrow));
        var values = MetricFolding.Compute(compiled, book.Sections["bm_m"], [], tomorrow);
        Assert.Equal(MetricReference.Values(metric, history, tomorrow.Date, _ => true)[""], Assert.Single(values).Value);
    }

    [Fact]
    public void No_history_is_zero_for_count_and_sum_and_null_for_the_rest()
    {
        foreach (var function in Enum.GetValues<AggregateFunction>())
        {
            var compiled = new CompiledMetric(Metric(function, SourceField.TotalValue, 7, ""));
            var value = Assert.Single(MetricFolding.Compute(compiled, null, [], TodayDay)).Value;
            Assert.Equal(function is AggregateFunction.Count or AggregateFunction.Sum ? 0m : null, value);
        }
    }

    [Fact]
    public void A_book_of_another_version_is_not_current()
    {
        var first = new CompiledMetric(Metric(AggregateFunction.Count, SourceField.Positive, 7, ""));
        var changed = new CompiledMetric(Metric(AggregateFunction.Count, SourceField.Positive, 30, ""));
        var renamed = new CompiledMetric(Metric(AggregateFunction.Count, SourceField.Positive, 7, "") with { Name = "other", Status = MetricStatus.Paused });
        var book = MetricFolding.Rebuild([first], [], TodayDay, previous: null);

        Assert.True(MetricFolding.IsCurrent(book, [first]));
        Assert.False(MetricFolding.IsCurrent(book, [changed]));
        Assert.True(MetricFolding.IsCurrent(book, [renamed]));
    }
}
