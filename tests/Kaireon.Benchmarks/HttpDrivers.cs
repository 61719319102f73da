using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kaireon.Benchmarks;

/// <summary>
/// HTTP drivers against a running Kaireon (loopback only): <c>setup</c> (catalog entries and a
/// runtime key), <c>load</c> (open-loop Respond at a fixed rate) and <c>ingest</c> (events batches as
/// fast as possible, then the consumer's drain to the tenant rollups).
/// </summary>
public static class HttpDrivers
{
    private const string OfferId = "bench-offer";

    private static HttpClient Client(Uri baseUrl, string key, TimeSpan timeout)
    {
        if (!baseUrl.IsLoopback) throw new ArgumentException($"{baseUrl} is not a loopback address: the drivers only run against localhost.");
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        };
        var client = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = timeout };
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        return client;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private static string RunId() => DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture) + "x" + Random.Shared.Next(1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    // ---------------------------------------------------------------- setup

    /// <summary>setup URL ADMIN_KEY [recommend|recommend-implicit]: creates a category and an offer (once) and a runtime + read key; prints the key last.</summary>
    public static async Task<int> SetupAsync(string[] args)
    {
        if (args.Length < 2) return Usage();
        using var client = Client(new Uri(args[0]), args[1], TimeSpan.FromSeconds(30));
        await PostAllowingConflictAsync(client, "categories",
            """{"id":"bench-cards","name":"Bench cards","customFields":[{"key":"annualFee","type":"number"}]}""");
        await PostAllowingConflictAsync(client, "offers",
            $$$"""{"id":"{{{OfferId}}}","name":"Bench offer","categoryId":"bench-cards","priority":70,"customFields":{"annualFee":95}}""");
        if (args.Length > 2 && args[2] is "recommend" or "recommend-implicit") await RecommendCatalogAsync(client, implicitImpressions: args[2] == "recommend-implicit");
        using var response = await client.PostAsync("/api/v1/api-keys", Json("""{"name":"bench","scopes":["runtime","read"]}"""));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            await Console.Error.WriteLineAsync($"POST /api/v1/api-keys answered {(int)response.StatusCode}: {text}");
            return 1;
        }
        Console.WriteLine(JsonNode.Parse(text)!["key"]!.GetValue<string>());
        return 0;
    }

    /// <summary>
    /// The Recommend benchmark's catalog: 100 offers in one category with a web creative each, a
    /// recency rule and a metric rule, a daily cap and a cooldown, a thompson_bandit model, and a
    /// published default flow running them all. With <paramref name="implicitImpressions"/> the web
    /// channel's impression mode is implicit: every decision also records an impression (an event
    /// through the accept-and-stream path, as a Respond).
    /// </summary>
    private static async Task RecommendCatalogAsync(HttpClient client, bool implicitImpressions)
    {
        await PostAllowingConflictAsync(client, "channels", implicitImpressions
            ? """{"id":"web","name":"Web","type":"web","impressionMode":"implicit"}"""
            : """{"id":"web","name":"Web","type":"web"}""");
        for (var i = 0; i < 100; i++)
        {
            await PostAllowingConflictAsync(client, "offers", string.Create(CultureInfo.InvariantCulture,
                $$$"""{"id":"rec-{{{i:D3}}}","name":"Offer {{{i}}}","categoryId":"bench-cards","priority":{{{10 + i % 90}}},"customFields":{"annualFee":{{{i}}}}}"""));
            await PostAllowingConflictAsync(client, "creatives", string.Create(CultureInfo.InvariantCulture,
                $$$"""{"id":"cr-{{{i:D3}}}","name":"Web {{{i}}}","offerId":"rec-{{{i:D3}}}","channelId":"web","content":{"headline":"Hello"}}"""));
        }
        await PostAllowingConflictAsync(client, "behavioral-metrics",
            """{"id":"bm_bench_impressions_7d","name":"Impressions 7d","aggregateFunction":"count","sourceField":"impressions","groupByDimensions":["offerId"],"windowDays":7}""");
        await PostAllowingConflictAsync(client, "qualification-rules",
            """{"id":"qr-not-converted","name":"Not converted","ruleType":"recency_check","config":{"outcome":"convert","withinDays":30,"mustHave":false,"scope":"offer"}}""");
        await PostAllowingConflictAsync(client, "qualification-rules",
            """{"id":"qr-fresh","name":"Seen under 5 times","ruleType":"metric_condition","config":{"metricId":"bm_bench_impressions_7d","operator":"lt","threshold":5,"dimensionMapping":{"offerId":"{{offer.id}}"}}}""");
        await PostAllowingConflictAsync(client, "contact-policies", """{"id":"cp-daily","name":"Ten a day","ruleType":"frequency_cap","config":{"maxPerDay":10}}""");
        await PostAllowingConflictAsync(client, "contact-policies", """{"id":"cp-cooldown","name":"An hour between","ruleType":"cooldown","config":{"hours":1,"per":"offer"}}""");
        await PostAllowingConflictAsync(client, "algorithm-models", """{"id":"bench-bandit","name":"Bandit","modelType":"thompson_bandit"}""");
        await PostAllowingConflictAsync(client, "decision-flows", """
            {"id":"bench-flow","name":"Bench flow","config":{"version":2,"nodes":[
              {"id":"inv","type":"inventory"},{"id":"cr","type":"match_creatives"},{"id":"q","type":"qualify"},
              {"id":"cp","type":"contact_policy"},{"id":"sc","type":"score","config":{"method":"model","modelId":"bench-bandit"}},
              {"id":"rk","type":"rank","config":{"limit":3}},{"id":"rs","type":"response"}]}}
            """);
        using var published = await client.PostAsync("/api/v1/decision-flows/bench-flow/publish", null);
        published.EnsureSuccessStatusCode();
    }

    private static async Task PostAllowingConflictAsync(HttpClient client, string route, string body)
    {
        using var response = await client.PostAsync($"/api/v1/{route}", Json(body));
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict) return;
        throw new InvalidOperationException($"POST /api/v1/{route} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    // ---------------------------------------------------------------- load

    /// <summary>
    /// load URL KEY [RATE=500] [SECONDS=20] [WARMUP=5] [CUSTOMERS=10000] [MODE=respond]: Respond (or
    /// Recommend, or <c>GET /health/live</c> as the floor of this driver and HTTP) at a fixed rate, open loop. Request i is due at start + i/RATE whatever happened to the others, and its latency
    /// counts from that due time, so a stalled server shows in the latencies instead of slowing the
    /// sender down (no coordinated omission).
    /// </summary>
    public static async Task<int> LoadAsync(string[] args)
    {
        if (args.Length < 2) return Usage();
        var rate = Arg(args, 2, 500);
        var seconds = Arg(args, 3, 20);
        var warmup = Arg(args, 4, 5);
        var customers = Arg(args, 5, 10_000);
        var mode = args.Length > 6 ? args[6] : "respond";
        if (mode is not ("respond" or "recommend" or "health")) throw new ArgumentException("MODE is respond, recommend or health.");
        var recommend = mode == "recommend";
        var health = mode == "health"; // GET /health/live at the same rate: the floor of this driver and HTTP on this machine
        if (rate <= 0 || seconds <= 0 || seconds + warmup > 300) throw new ArgumentException("RATE must be > 0 and SECONDS + WARMUP at most 300.");

        using var client = Client(new Uri(args[0]), args[1], TimeSpan.FromSeconds(10));
        var run = RunId();
        var warmupCount = rate * warmup;
        var total = warmupCount + rate * seconds;
        var latencies = new double[total];
        var statuses = new ConcurrentDictionary<string, int>();
        var completedAt = new long[total];
        using var pending = new CountdownEvent(1);
        var periodTicks = (double)Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        var lateDispatches = 0L;
        var maxDispatchLagMs = 0.0;

        Console.WriteLine($"load: {(health ? "GET /health/live" : recommend ? "Recommend" : "Respond")} at {rate}/s for {seconds} s after {warmup} s warm-up against {client.BaseAddress}, {customers} customers, open loop");

        var dispatcher = new Thread(() =>
        {
            for (var i = 0; i < total; i++)
            {
                var due = start + (long)(i * periodTicks);
                long now;
                while ((now = Stopwatch.GetTimestamp()) < due)
                {
                    // Sleep(1) is ~1 ms on Linux: a request leaves at most ~1 ms after it is due, and that lag is in its latency.
                    Thread.Sleep(1);
                }
                var lagMs = (now - due) * 1000.0 / Stopwatch.Frequency;
                if (lagMs > 5) lateDispatches++;
                if (lagMs > maxDispatchLagMs) maxDispatchLagMs = lagMs;
                var index = i;
                pending.AddCount();
                ThreadPool.UnsafeQueueUserWorkItem(_ => _ = SendAsync(index, due), null);
            }
        }) { IsBackground = true, Name = "dispatcher", Priority = ThreadPriority.AboveNormal };

        async Task SendAsync(int index, long due)
        {
            var outcome = index % 10 == 0 ? "click" : "impression";
            var body = recommend
                ? string.Create(CultureInfo.InvariantCulture, $$"""{"customerId":"c{{index % customers:D6}}","channel":"web","limit":3}""")
                : string.Create(CultureInfo.InvariantCulture,
                    $$"""{"customerId":"c{{index % customers:D6}}","outcome":"{{outcome}}","offerId":"{{OfferId}}","idempotencyKey":"load-{{run}}-{{index}}"}""");
            var expected = recommend || health ? "200" : "202";
            string status;
            try
            {
                using var content = Json(body);
                using var response = health
                    ? await client.GetAsync("/health/live")
                    : await client.PostAsync(recommend ? "/api/v1/recommend" : "/api/v1/respond", content);
                await response.Content.ReadAsByteArrayAsync();
                status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                status = e.GetType().Name;
            }
            var end = Stopwatch.GetTimestamp();
            completedAt[index] = end;
            latencies[index] = status == expected ? (end - due) * 1000.0 / Stopwatch.Frequency : double.NaN;
            if (index >= warmupCount) statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            pending.Signal();
        }

        dispatcher.Start();
        dispatcher.Join();
        pending.Signal();
        var drained = pending.Wait(TimeSpan.FromSeconds(30));

        var measuredStart = start + (long)(warmupCount * periodTicks);
        var measured = latencies.Skip(warmupCount).Where(l => !double.IsNaN(l)).ToList();
        measured.Sort();
        var ok = measured.Count;
        var lastCompletion = completedAt.Skip(warmupCount).Max();
        var elapsed = (lastCompletion - measuredStart) / (double)Stopwatch.Frequency;
        var errors = statuses.Where(s => s.Key != (recommend || health ? "200" : "202")).Sum(s => s.Value) + (total - warmupCount - statuses.Values.Sum());

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"measured {total - warmupCount} requests over {seconds} s: ok {ok}, errors {errors}{(drained ? "" : " (some still in flight after 30 s)")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency from the scheduled send time: p50 {StoreOps.Percentile(measured, 0.50):0.00} ms, p90 {StoreOps.Percentile(measured, 0.90):0.00} ms, p99 {StoreOps.Percentile(measured, 0.99):0.00} ms, p99.9 {StoreOps.Percentile(measured, 0.999):0.00} ms, max {(ok == 0 ? double.NaN : measured[^1]):0.00} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"achieved rate {ok / elapsed:0.0} ok responses/s (target {rate}/s); dispatches more than 5 ms late: {lateDispatches}, max dispatch lag {maxDispatchLagMs:0.0} ms"));
        Console.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}")));
        // Per scheduled second, warm-up included (w): where in the run the slow requests were due.
        var timeline = Enumerable.Range(0, warmup + seconds).Select(second =>
        {
            var slice = latencies.Skip(second * rate).Take(rate).Where(l => !double.IsNaN(l)).ToList();
            slice.Sort();
            return string.Create(CultureInfo.InvariantCulture,
                $"{(second < warmup ? "w" : "")}{second}s:{StoreOps.Percentile(slice, 0.5):0}/{StoreOps.Percentile(slice, 0.99):0}");
        });
        Console.WriteLine("p50/p99 ms per scheduled second: " + string.Join(" ", timeline));
        return 0;
    }

    // ---------------------------------------------------------------- ingest

    /// <summary>
    /// ingest URL KEY [SENDERS=4] [SECONDS=20] [CUSTOMERS=1000] [DRAIN_TIMEOUT=600] [RATE=0] [PREFIX=c]: POST /events
    /// batches of 500 from SENDERS concurrent loops for SECONDS, then polls the tenant-wide
    /// <c>sd_offer_interactions</c> 1d summary until its count has grown by every accepted event.
    /// RATE > 0 paces the senders to RATE events/s in all (a batch late on its schedule goes at once):
    /// a rate is sustained when the stream keeps up with it, i.e. little is left to roll up when sending ends.
    /// Customer ids are PREFIX and six digits (a warm-up run with another prefix leaves the measured run's customers new).
    /// </summary>
    public static async Task<int> IngestAsync(string[] args)
    {
        if (args.Length < 2) return Usage();
        var senders = Arg(args, 2, 4);
        var seconds = Arg(args, 3, 20);
        var customers = Arg(args, 4, 1_000);
        var drainTimeout = Arg(args, 5, 600);
        var rate = Arg(args, 6, 0);
        var prefix = args.Length > 7 ? args[7] : "c";
        if (senders is < 1 or > 64 || seconds is < 1 or > 300 || drainTimeout is < 1 or > 1800)
            throw new ArgumentException("SENDERS 1–64, SECONDS 1–300, DRAIN_TIMEOUT 1–1800.");
        const int batchSize = 500;

        using var client = Client(new Uri(args[0]), args[1], TimeSpan.FromSeconds(60));
        var run = RunId();
        Console.WriteLine($"ingest: {senders} senders posting batches of {batchSize} events ({customers} customers) for {seconds} s{(rate > 0 ? $" at {rate} events/s in all" : "")} against {client.BaseAddress}");

        var baseline = await StableRolledUpAsync(client);
        Console.WriteLine($"tenant-wide 1d count before: {baseline}");

        long accepted = 0, duplicates = 0, rejected = 0, failures = 0, sent = 0;
        var batchLatencies = new ConcurrentBag<double>();
        var stopAt = Stopwatch.GetTimestamp() + seconds * Stopwatch.Frequency;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, senders).Select(sender => Task.Run(async () =>
        {
            var random = new Random(sender);
            var n = 0;
            var body = new StringBuilder(batchSize * 128);
            // Paced: this sender's k-th batch is due k intervals after its start, the senders' starts spread over one interval.
            var interval = rate > 0 ? (double)batchSize * senders / rate * Stopwatch.Frequency : 0;
            for (var k = 0; Stopwatch.GetTimestamp() < stopAt; k++)
            {
                var due = started + (long)((k + (double)sender / senders) * interval);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                if (Stopwatch.GetTimestamp() >= stopAt) break;
                body.Clear().Append('[');
                for (var i = 0; i < batchSize; i++)
                {
                    if (i > 0) body.Append(',');
                    var type = i % 10 == 0 ? "click" : "impression";
                    body.Append(CultureInfo.InvariantCulture,
                        $$"""{"eventId":"ing-{{run}}-{{sender}}-{{n++}}","customerId":"{{prefix}}{{random.Next(customers):D6}}","type":"{{type}}","offerId":"{{OfferId}}"}""");
                }
                body.Append(']');
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var content = Json(body.ToString());
                    using var response = await client.PostAsync("/api/v1/events", content);
                    var text = await response.Content.ReadAsStringAsync();
                    Interlocked.Add(ref sent, batchSize);
                    if (response.StatusCode != HttpStatusCode.Accepted)
                    {
                        Interlocked.Increment(ref failures);
                        continue;
                    }
                    batchLatencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    using var answer = JsonDocument.Parse(text);
                    Interlocked.Add(ref accepted, answer.RootElement.GetProperty("accepted").GetInt64());
                    Interlocked.Add(ref duplicates, answer.RootElement.GetProperty("duplicates").GetInt64());
                    Interlocked.Add(ref rejected, answer.RootElement.GetProperty("rejected").GetInt64());
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        var sendSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var rolledAtEnd = await RolledUpAsync(client) - baseline;

        var latencies = batchLatencies.ToList();
        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sent {sent} events in {sendSeconds:0.0} s: accepted {accepted}, duplicates {duplicates}, rejected {rejected}, failed requests {failures}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"API: {accepted / sendSeconds:0} accepted events/s; batch latency p50 {StoreOps.Percentile(latencies, 0.5):0} ms, p99 {StoreOps.Percentile(latencies, 0.99):0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rolled up by the end of sending: {rolledAtEnd} ({rolledAtEnd / sendSeconds:0} events/s while sending); backlog {accepted - rolledAtEnd}"));

        var drainStarted = Stopwatch.GetTimestamp();
        var drainDeadline = drainStarted + drainTimeout * Stopwatch.Frequency;
        var rolled = rolledAtEnd;
        var lastReport = drainStarted;
        while (rolled < accepted && Stopwatch.GetTimestamp() < drainDeadline)
        {
            await Task.Delay(250);
            rolled = await RolledUpAsync(client) - baseline;
            if (Stopwatch.GetElapsedTime(lastReport).TotalSeconds >= 10)
            {
                lastReport = Stopwatch.GetTimestamp();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  … {rolled} of {accepted} rolled up after {Stopwatch.GetElapsedTime(drainStarted).TotalSeconds:0} s of draining"));
            }
        }
        var drainSeconds = Stopwatch.GetElapsedTime(drainStarted).TotalSeconds;
        var totalSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (rolled < accepted)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"NOT drained within {drainTimeout} s: {rolled} of {accepted} rolled up; drain rate so far {(rolled - rolledAtEnd) / drainSeconds:0} events/s"));
            return 1;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fully rolled up {drainSeconds:0.0} s after sending ended (count {rolled}{(rolled > accepted ? ", more than accepted: other traffic" : "")})"));
        var afterSending = accepted == rolledAtEnd
            ? "no backlog when sending ended (the consumer kept up with the API)"
            : string.Create(CultureInfo.InvariantCulture, $"{(accepted - rolledAtEnd) / drainSeconds:0} events/s after sending ({accepted - rolledAtEnd} events in {drainSeconds:0.0} s)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"consumer drain rate: {afterSending}; overall {accepted / totalSeconds:0} events/s ({accepted} events, first send to fully rolled up {totalSeconds:0.0} s)"));
        return 0;
    }

    /// <summary>The tenant-wide 1d count once it stops moving (an earlier run's backlog drained).</summary>
    private static async Task<long> StableRolledUpAsync(HttpClient client)
    {
        var previous = await RolledUpAsync(client);
        for (var i = 0; i < 600; i++)
        {
            await Task.Delay(1000);
            var current = await RolledUpAsync(client);
            if (current == previous) return current;
            previous = current;
        }
        throw new InvalidOperationException("The tenant-wide count kept moving for 10 minutes: is other traffic running?");
    }

    private static async Task<long> RolledUpAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/interaction-summaries?definitionId=sd_offer_interactions&window=1d");
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET interaction-summaries answered {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("rows").EnumerateArray().Sum(r => r.TryGetProperty("count", out var c) ? c.GetInt64() : 0);
    }

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage: Kaireon.Benchmarks store-ops [BATCHES=20]                 (or store-ops commit: the SQLite commit cost alone)
                   Kaireon.Benchmarks pipeline [EVENTS=40000] [CUSTOMERS=1000] [STREAM_BATCH=100] [SENDERS=4]   (record + drain in process, CPU/event)
                   Kaireon.Benchmarks setup URL ADMIN_KEY [recommend]         (prints a runtime+read key; recommend: the Recommend catalog and flow too)
                   Kaireon.Benchmarks load URL KEY [RATE=500] [SECONDS=20] [WARMUP=5] [CUSTOMERS=10000] [respond|recommend|health]
                   Kaireon.Benchmarks ingest URL KEY [SENDERS=4] [SECONDS=20] [CUSTOMERS=1000] [DRAIN_TIMEOUT=600]
                   Kaireon.Benchmarks micro [BenchmarkDotNet arguments, e.g. --filter '*Condition*']   (run with -c Release)
            """);
        return 2;
    }

    public static Task<int> UsageAsync() => Task.FromResult(Usage());
}
