using System.Globalization;
using System.Text.Json;
using Kaireon.Core.Conditions;
using Kaireon.Core.Validation;
using static Kaireon.Core.Tests.Conditions.Conditions;

namespace Kaireon.Core.Tests.Conditions;

/// <summary>
/// Conditions compiled against slots (read by index, each string parsed once per record) must
/// answer exactly as the generic evaluator over <see cref="JsonConditionData"/>: a seeded property
/// over random trees of every operator and random records with missing fields, nulls, numeric
/// strings, type mismatches, wildcards, dates and nested fields.
/// </summary>
public sealed class SlotEvaluationTests
{
    private static readonly string[] Fields = ["a", "b", "c", "n.x"];

    private static readonly string[] Operators =
    [
        "gt", "gte", "lt", "lte", "eq", "neq", "in", "not_in", "contains", "not_contains", "starts_with", "not_starts_with",
        "ends_with", "not_ends_with", "regex", "on", "not_on", "after", "on_or_after", "before", "on_or_before", "is", "is_not", "exists",
    ];

    private static readonly string[] Scalars =
    [
        "0", "5", "5.0", "-3", "1e3", "'5'", "'5.0'", "'-1.5e3'", "' 5'", "'a'", "'ab'", "'\\u0061b'", "'ba'", "''", "true", "false",
        "'2022-05-23'", "'2022-05-23T10:00:00.000Z'", "'2022-05-24T00:30:00+02:00'", "'2022-05-23T23:59:59.9999999Z'",
    ];

    private static readonly string[] Days = ["'2022-05-23'", "'2022-05-22'", "'2022-05-23T10:00:00.000Z'", "'2022-05-23T22:30:00.000Z'"];

    private static readonly string[] Patterns = ["'^a'", "'b$'", "'[0-9]'", "'^2022-'"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Slot_compiled_conditions_answer_as_the_generic_evaluator(int seed)
    {
        var random = new Random(seed);
        var trees = Enumerable.Range(0, 80).Select(_ => Tree(random)).OfType<ConditionTree>().ToList();
        Assert.True(trees.Count >= 60, $"only {trees.Count} of 80 random trees were valid");
        for (var round = 0; round < 40; round++)
        {
            // Slots of a few trees, so fields differ in the readings made of them; every tree over those
            // fields is evaluated too, compiled without slots: it reads the table by name.
            var group = Enumerable.Range(0, random.Next(1, 4)).Select(_ => trees[random.Next(trees.Count)]).ToList();
            var slots = new ConditionSlots(group);
            var compiled = group.Select(t => (Generic: t.Compile(), OnSlots: t.Compile(slots)))
                .Concat(trees.Where(t => t.Fields.All(f => slots.TryGetSlot(f, out _))).Select(t => (Generic: t.Compile(), OnSlots: t.Compile())))
                .ToList();
            // One table refilled record after record, as the stream reuses it: nothing of a record may leak into the next.
            var data = new SlotConditionData(slots);
            for (var r = 0; r < 25; r++)
            {
                var record = JsonOf(Record(random));
                slots.Read(record, data);
                var json = new JsonConditionData(record);
                foreach (var (generic, onSlots) in compiled)
                {
                    var expected = generic.Explain(json);
                    Assert.Equal(expected.Result, generic.Evaluate(json));
                    Assert.True(expected.Result == onSlots.Evaluate(data), $"{generic.Tree.Root} on {record}");
                    Assert.Equal(expected, onSlots.Explain(data), ExplanationComparer.Instance);
                    // Data in no slots is read by name: the same answers.
                    Assert.Equal(expected.Result, onSlots.Evaluate(json));
                }
            }
        }
    }

    [Fact]
    public void Data_of_other_slots_is_read_by_field_name()
    {
        var tree = ConditionTree.Parse(JsonOf("{'all':[{'field':'a','operator':'gt','value':5},{'field':'b','operator':'is','value':'x'}]}"));
        var condition = tree.Compile(new ConditionSlots([tree]));
        var other = new ConditionSlots([ConditionTree.Parse(JsonOf("{'any':[{'field':'z','operator':'exists'},{'field':'b','operator':'exists'},{'field':'a','operator':'exists'}]}"))]);
        var data = new SlotConditionData(other);
        other.Read(JsonOf("{'a':'7','b':'x','z':1}"), data);
        Assert.True(condition.Evaluate(data));
        other.Read(JsonOf("{'a':4,'b':'x'}"), data);
        Assert.False(condition.Evaluate(data));
    }

    [Fact]
    public void A_record_that_is_not_an_object_reads_as_every_field_missing()
    {
        var tree = ConditionTree.Parse(JsonOf("{'all':[{'field':'a','operator':'neq','value':5},{'field':'b','operator':'not_in','value':['x']}]}"));
        var slots = new ConditionSlots([tree]);
        var data = new SlotConditionData(slots);
        slots.Read(JsonOf("{'a':5}"), data);
        Assert.False(tree.Compile(slots).Evaluate(data));
        foreach (var record in new JsonElement?[] { null, JsonOf("[1]"), JsonOf("'text'") })
        {
            slots.Read(record, data);
            Assert.False(data.TryGet("a", out _));
            Assert.True(tree.Compile(slots).Evaluate(data));
        }
    }

    [Fact]
    public void A_string_the_conditions_name_is_read_without_allocating_one()
    {
        var tree = ConditionTree.Parse(JsonOf("{'any':[{'field':'p','operator':'in','value':['eu','us']},{'field':'q','operator':'is','value':'*'}]}"));
        var slots = new ConditionSlots([tree]);
        string? TextOf(string record, string field)
        {
            var data = new SlotConditionData(slots);
            slots.Read(JsonOf(record), data);
            return data.TryGet(field, out var value) ? value.Text : null;
        }

        Assert.Same(TextOf("{'p':'eu'}", "p"), TextOf("{'p':'\\u0065u'}", "p"));
        Assert.Equal("apac", TextOf("{'p':'apac'}", "p"));
        Assert.NotSame(TextOf("{'p':'apac'}", "p"), TextOf("{'p':'apac'}", "p"));
        // The wildcard names no value: '*' is read as any other string.
        Assert.NotSame(TextOf("{'q':'*'}", "q"), TextOf("{'q':'*'}", "q"));
    }

    [Fact]
    public void A_strings_readings_are_a_cache_not_part_of_its_value()
    {
        var read = ConditionValue.From("80").WithReadings(number: true, date: true);
        Assert.Equal(ConditionValue.From("80"), read);
        Assert.Equal(ConditionValue.From("80").GetHashCode(), read.GetHashCode());
        Assert.True(read.TryGetNumber(out var number));
        Assert.Equal(80, number);
        Assert.False(read.TryGetDate(out _));

        var day = ConditionValue.From("2022-05-23").WithReadings(number: true, date: true);
        Assert.False(day.TryGetNumber(out _));
        Assert.True(day.TryGetDate(out var ticks));
        Assert.Equal(new DateTime(2022, 5, 23, 0, 0, 0, DateTimeKind.Utc).Ticks, ticks);
        Assert.NotEqual(ConditionValue.From("2022-05-23"), ConditionValue.From("2022-05-24").WithReadings(number: false, date: true));
    }

    private static ConditionTree? Tree(Random random)
    {
        var errors = new ValidationErrors();
        return ConditionTree.Parse(JsonOf(Node(random, depth: 1)), "", errors);
    }

    private static string Node(Random random, int depth) => (depth < 3 ? random.Next(6) : 0) switch
    {
        1 => $"{{'all':[{Children(random, depth)}]}}",
        2 => $"{{'any':[{Children(random, depth)}]}}",
        3 => $"{{'not':{Node(random, depth + 1)}}}",
        _ => Leaf(random),
    };

    private static string Children(Random random, int depth) =>
        string.Join(",", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Node(random, depth + 1)));

    private static string Leaf(Random random)
    {
        var field = Pick(random, Fields);
        var op = Pick(random, Operators);
        var value = op switch
        {
            "exists" => null,
            "in" or "not_in" => $"[{string.Join(",", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(random, Scalars)))}]",
            "contains" or "not_contains" or "starts_with" or "not_starts_with" or "ends_with" or "not_ends_with" => Pick(random, ["'a'", "'b'", "'5'", "'2022'", "''"]),
            "regex" => Pick(random, Patterns),
            "on" or "not_on" or "after" or "on_or_after" or "before" or "on_or_before" => Pick(random, Days),
            "is" when random.Next(4) == 0 => "'*'",
            _ => Pick(random, Scalars),
        };
        return Conditions.Leaf(op, value, field);
    }

    /// <summary>Each field missing, null, a scalar, an object or an array; <c>n.x</c> nested or as a literal dotted key.</summary>
    private static string Record(Random random)
    {
        var properties = new List<string>();
        foreach (var field in Fields)
        {
            var value = random.Next(10) switch
            {
                0 => null,
                1 => "null",
                2 => "{'k':1}",
                3 => "[1,'a']",
                _ => Pick(random, Scalars),
            };
            if (value is null) continue;
            if (field == "n.x" && random.Next(2) == 0) properties.Add($"'n':{{'x':{value}}}");
            else properties.Add($"'{field}':{value}");
        }
        if (random.Next(8) == 0) properties.Add($"'n':{random.Next(3).ToString(CultureInfo.InvariantCulture)}");
        return $"{{{string.Join(",", properties)}}}";
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    /// <summary>Explanations compare by result and by each leaf's path, result and actual value.</summary>
    private sealed class ExplanationComparer : IEqualityComparer<ConditionExplanation>
    {
        public static readonly ExplanationComparer Instance = new();

        public bool Equals(ConditionExplanation? x, ConditionExplanation? y) =>
            x!.Result == y!.Result && x.Trace.Select(Key).SequenceEqual(y.Trace.Select(Key));

        public int GetHashCode(ConditionExplanation obj) => obj.Result.GetHashCode();

        private static (string, bool, ConditionValue?) Key(ConditionLeafResult leaf) => (leaf.Path, leaf.Result, leaf.Actual);
    }
}
