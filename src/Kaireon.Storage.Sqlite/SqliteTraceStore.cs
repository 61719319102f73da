using System.Globalization;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Microsoft.Data.Sqlite;
using static Kaireon.Storage.Sqlite.SqliteDatabase;

namespace Kaireon.Storage.Sqlite;

/// <summary>
/// Trace records with their time stored as fixed-width UTC text, so text order is time order.
/// As in Cosmos, a TTL counts from the write, not from the record's own time: expired records are
/// filtered on read and purged by <see cref="PurgeExpiredAsync"/>.
/// </summary>
public sealed class SqliteTraceStore(SqliteDatabase database, TimeProvider clock) : ITraceStore
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public Task AppendAsync(TraceRecord record, CancellationToken ct) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var insert = Command(connection, transaction,
                "INSERT INTO traces (tenant_id, kind, id, at, ttl, expires, body) VALUES ($tenant, $kind, $id, $at, $ttl, $expires, $body) ON CONFLICT DO NOTHING",
                [
                    ("$tenant", record.Tenant.Value), ("$kind", record.Kind), ("$id", record.Id), ("$at", Format(record.At)),
                    ("$ttl", record.TimeToLiveSeconds is { } ttl ? ttl : DBNull.Value),
                    ("$expires", record.TimeToLiveSeconds is { } seconds ? Format(clock.GetUtcNow().AddSeconds(seconds)) : DBNull.Value),
                    ("$body", record.Body.GetRawText()),
                ]);
            return await insert.ExecuteNonQueryAsync(ct);
        }, ct);

    public async Task<TraceRecord?> FindAsync(TenantId tenant, string kind, string id, CancellationToken ct)
    {
        var found = await QueryAsync(tenant, kind, "id = $id", [("$id", id)], ct);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<TraceRecord>> ListAsync(TenantId tenant, string kind, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        QueryAsync(tenant, kind, "at >= $from AND at < $to", [("$from", Format(from)), ("$to", Format(to))], ct);

    public Task<int> PurgeExpiredAsync(CancellationToken ct) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var delete = Command(connection, transaction,
                "DELETE FROM traces WHERE expires <= $now",
                [("$now", Format(clock.GetUtcNow()))]);
            return await delete.ExecuteNonQueryAsync(ct);
        }, ct);

    private async Task<IReadOnlyList<TraceRecord>> QueryAsync(
        TenantId tenant, string kind, string condition, (string, object)[] parameters, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = Command(connection, null,
            $"SELECT id, at, ttl, body FROM traces WHERE tenant_id = $tenant AND kind = $kind AND {condition} AND (expires IS NULL OR expires > $now)",
            [("$tenant", tenant.Value), ("$kind", kind), ("$now", Format(clock.GetUtcNow())), .. parameters]);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var records = new List<TraceRecord>();
        while (await reader.ReadAsync(ct))
        {
            var at = DateTimeOffset.ParseExact(reader.GetString(1), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            int? ttl = reader.IsDBNull(2) ? null : reader.GetInt32(2);
            records.Add(new TraceRecord
            {
                Tenant = tenant,
                Kind = kind,
                Id = reader.GetString(0),
                At = at,
                TimeToLiveSeconds = ttl,
                Body = SqliteJson.Parse(reader.GetString(3)),
            });
        }
        return records;
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
}
