using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Kaireon.Core.Conditions;

namespace Kaireon.Benchmarks;

/// <summary>
/// The condition engine (design §6; target ≥ 5 million evaluations/s of a 5-leaf tree on one core):
/// a metric-style filter of mixed set, numeric, text and universal leaves under all/any, evaluated
/// over 64 varied interactions per invocation, so short-circuits and misses vary as in a real stream.
/// Each method reads the same rows through a different <see cref="IConditionData"/>.
/// </summary>
[MemoryDiagnoser]
public class ConditionBenchmarks
{
    private const int Rows = 64;

    public const string Condition = """
        { "all": [
            { "field": "channelId", "operator": "in", "value": ["email", "sms", "push"] },
            { "field": "value", "operator": "gte", "value": 50 },
            { "any": [
                { "field": "offerId", "operator": "starts_with", "value": "summer_" },
                { "field": "context.segment", "operator": "is", "value": "gold" },
                { "field": "context.score", "operator": "gt", "value": "0.75" } ] } ] }
        """;

    private CompiledCondition _condition = null!;
    private IConditionData[] _dictionaries = null!;
    private IConditionData[] _records = null!;
    private IConditionData[] _json = null!;

    [GlobalSetup]
    public void Setup()
    {
        using (var document = JsonDocument.Parse(Condition)) _condition = ConditionTree.Parse(document.RootElement).Compile();
        var random = new Random(42);
        string[] channels = ["email", "sms", "push", "web", "in_app"];
        string[] offers = ["summer_sale", "summer_bundle", "winter_sale", "loyalty_boost", "card_upgrade"];
        string[] segments = ["gold", "silver", "bronze"];
        var rows = Enumerable.Range(0, Rows).Select(_ => new InteractionRow(
            OfferId: offers[random.Next(offers.Length)], ChannelId: channels[random.Next(channels.Length)], OutcomeType: "click",
            Value: Math.Round(random.NextDouble() * 120, 2), Segment: segments[random.Next(segments.Length)],
            Score: Math.Round(random.NextDouble(), 3))).ToArray();

        _dictionaries = [.. rows.Select(r => (IConditionData)new DictionaryConditionData(r.ToDictionary()))];
        _records = [.. rows];
        _json = [.. rows.Select(r => (IConditionData)new JsonConditionData(JsonSerializer.SerializeToElement(r.ToJson())))];
        Matches = _dictionaries.Count(_condition.Evaluate);
        if (_records.Count(_condition.Evaluate) != Matches || _json.Count(_condition.Evaluate) != Matches)
            throw new InvalidOperationException("The data sources disagree.");
        Console.WriteLine($"// {Matches} of {Rows} rows match the condition");
    }

    /// <summary>How many of the rows match; reported so the mix is known (about a third).</summary>
    public int Matches { get; private set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "5 leaves, DictionaryConditionData")]
    public int Dictionary() => Run(_dictionaries);

    [Benchmark(OperationsPerInvoke = Rows, Description = "5 leaves, typed record (switch on field)")]
    public int TypedRecord() => Run(_records);

    [Benchmark(OperationsPerInvoke = Rows, Description = "5 leaves, JsonConditionData")]
    public int Json() => Run(_json);

    private int Run(IConditionData[] rows)
    {
        var matched = 0;
        foreach (var row in rows)
            if (_condition.Evaluate(row)) matched++;
        return matched;
    }

    /// <summary>What a metric's adapter over an interaction looks like: fields are properties, no lookup table.</summary>
    private sealed record InteractionRow(string OfferId, string ChannelId, string OutcomeType, double Value, string Segment, double Score) : IConditionData
    {
        public bool TryGet(string field, out ConditionValue value)
        {
            value = field switch
            {
                "offerId" => ConditionValue.From(OfferId),
                "channelId" => ConditionValue.From(ChannelId),
                "outcomeType" => ConditionValue.From(OutcomeType),
                "value" => ConditionValue.From(Value),
                "context.segment" => ConditionValue.From(Segment),
                "context.score" => ConditionValue.From(Score),
                _ => ConditionValue.Null,
            };
            return !value.IsNull;
        }

        public Dictionary<string, ConditionValue> ToDictionary() => new(StringComparer.Ordinal)
        {
            ["offerId"] = ConditionValue.From(OfferId), ["channelId"] = ConditionValue.From(ChannelId),
            ["outcomeType"] = ConditionValue.From(OutcomeType), ["value"] = ConditionValue.From(Value),
            ["context.segment"] = ConditionValue.From(Segment), ["context.score"] = ConditionValue.From(Score),
        };

        public Dictionary<string, object> ToJson() => new()
        {
            ["offerId"] = OfferId, ["channelId"] = ChannelId, ["outcomeType"] = OutcomeType, ["value"] = Value,
            ["context"] = new Dictionary<string, object> { ["segment"] = Segment, ["score"] = Score },
        };
    }
}

/// <summary>What a new configuration version costs once: parse, check and compile the same tree.</summary>
[MemoryDiagnoser]
public class ConditionCompileBenchmarks
{
    private readonly JsonDocument _condition = JsonDocument.Parse(ConditionBenchmarks.Condition);

    [Benchmark(Description = "parse + check + compile, 5 leaves")]
    public CompiledCondition ParseAndCompile() => ConditionTree.Parse(_condition.RootElement).Compile();
}
