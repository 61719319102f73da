using System.Text.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Microsoft.Data.Sqlite;

using static Kaireon.Storage.Sqlite.SqliteDatabase;

namespace Kaireon.Storage.Sqlite;

public sealed class SqliteCatalogStore(SqliteDatabase database) : ICatalogStore
{
    private const string Columns = "kind, id, etag, refs, body";

    public async Task<CatalogDocument?> FindAsync(TenantId tenant, string kind, string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var found = await QueryAsync(connection, tenant,
            $"SELECT {Columns} FROM catalog WHERE tenant_id = $tenant AND kind = $kind AND id = $id",
            [("$tenant", tenant.Value), ("$kind", kind), ("$id", id)], ct);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<CatalogDocument>> ListAsync(TenantId tenant, string kind, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await QueryAsync(connection, tenant,
            $"SELECT {Columns} FROM catalog WHERE tenant_id = $tenant AND kind = $kind",
            [("$tenant", tenant.Value), ("$kind", kind)], ct);
    }

    public async Task<IReadOnlyList<CatalogDocument>> FindReferencingAsync(TenantId tenant, string reference, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await QueryAsync(connection, tenant,
            $"""
            SELECT c.{Columns.Replace(", ", ", c.", StringComparison.Ordinal)} FROM catalog_refs r
            JOIN catalog c ON c.tenant_id = r.tenant_id AND c.kind = r.kind AND c.id = r.id
            WHERE r.tenant_id = $tenant AND r.ref = $ref
            """,
            [("$tenant", tenant.Value), ("$ref", reference)], ct);
    }

    public Task<WriteResult<CatalogDocument>> CreateAsync(CatalogDocument document, CancellationToken ct) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var stored = document with { Etag = NewEtag() };
            await using var insert = Command(connection, transaction,
                "INSERT INTO catalog (tenant_id, kind, id, etag, refs, body) VALUES ($tenant, $kind, $id, $etag, $refs, $body) ON CONFLICT DO NOTHING",
                Parameters(stored));
            if (await insert.ExecuteNonQueryAsync(ct) == 0) return new WriteResult<CatalogDocument>(WriteStatus.Conflict);
            await WriteRefsAsync(connection, transaction, stored, ct);
            return new WriteResult<CatalogDocument>(WriteStatus.Ok, stored);
        }, ct);

    public Task<WriteResult<CatalogDocument>> ReplaceAsync(CatalogDocument document, string? ifMatch, CancellationToken ct) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var status = await CheckAsync(connection, transaction, document.Tenant, document.Kind, document.Id, ifMatch, ct);
            if (status != WriteStatus.Ok) return new WriteResult<CatalogDocument>(status);
            var stored = document with { Etag = NewEtag() };
            await using var update = Command(connection, transaction,
                "UPDATE catalog SET etag = $etag, refs = $refs, body = $body WHERE tenant_id = $tenant AND kind = $kind AND id = $id",
                Parameters(stored));
            await update.ExecuteNonQueryAsync(ct);
            await DeleteRefsAsync(connection, transaction, stored.Tenant, stored.Kind, stored.Id, ct);
            await WriteRefsAsync(connection, transaction, stored, ct);
            return new WriteResult<CatalogDocument>(WriteStatus.Ok, stored);
        }, ct);

    public Task<WriteStatus> DeleteAsync(TenantId tenant, string kind, string id, string? ifMatch, CancellationToken ct) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var status = await CheckAsync(connection, transaction, tenant, kind, id, ifMatch, ct);
            if (status != WriteStatus.Ok) return status;
            await using var delete = Command(connection, transaction,
                "DELETE FROM catalog WHERE tenant_id = $tenant AND kind = $kind AND id = $id",
                [("$tenant", tenant.Value), ("$kind", kind), ("$id", id)]);
            await delete.ExecuteNonQueryAsync(ct);
            await DeleteRefsAsync(connection, transaction, tenant, kind, id, ct);
            return WriteStatus.Ok;
        }, ct);

    /// <summary>Whether a conditional write may go ahead: the row exists and, when asked, carries the etag.</summary>
    private static async Task<WriteStatus> CheckAsync(
        SqliteConnection connection, SqliteTransaction transaction, TenantId tenant, string kind, string id, string? ifMatch, CancellationToken ct)
    {
        await using var select = Command(connection, transaction,
            "SELECT etag FROM catalog WHERE tenant_id = $tenant AND kind = $kind AND id = $id",
            [("$tenant", tenant.Value), ("$kind", kind), ("$id", id)]);
        var etag = (string?)await select.ExecuteScalarAsync(ct);
        if (etag is null) return WriteStatus.NotFound;
        return ETags.Satisfies(ifMatch, etag) ? WriteStatus.Ok : WriteStatus.PreconditionFailed;
    }

    private static async Task WriteRefsAsync(SqliteConnection connection, SqliteTransaction transaction, CatalogDocument document, CancellationToken ct)
    {
        foreach (var reference in document.Refs.Distinct(StringComparer.Ordinal))
        {
            await using var insert = Command(connection, transaction,
                "INSERT INTO catalog_refs (tenant_id, ref, kind, id) VALUES ($tenant, $ref, $kind, $id)",
                [("$tenant", document.Tenant.Value), ("$ref", reference), ("$kind", document.Kind), ("$id", document.Id)]);
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task DeleteRefsAsync(SqliteConnection connection, SqliteTransaction transaction, TenantId tenant, string kind, string id, CancellationToken ct)
    {
        await using var delete = Command(connection, transaction,
            "DELETE FROM catalog_refs WHERE tenant_id = $tenant AND kind = $kind AND id = $id",
            [("$tenant", tenant.Value), ("$kind", kind), ("$id", id)]);
        await delete.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<CatalogDocument>> QueryAsync(
        SqliteConnection connection, TenantId tenant, string sql, (string, object)[] parameters, CancellationToken ct)
    {
        await using var command = Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var documents = new List<CatalogDocument>();
        while (await reader.ReadAsync(ct))
        {
            documents.Add(new CatalogDocument
            {
                Tenant = tenant,
                Kind = reader.GetString(0),
                Id = reader.GetString(1),
                Etag = reader.GetString(2),
                Refs = JsonSerializer.Deserialize(reader.GetString(3), SqliteJson.Default.StringArray) ?? [],
                Body = SqliteJson.Parse(reader.GetString(4)),
            });
        }
        return documents;
    }

    private static (string, object)[] Parameters(CatalogDocument d) =>
    [
        ("$tenant", d.Tenant.Value), ("$kind", d.Kind), ("$id", d.Id), ("$etag", d.Etag),
        ("$refs", JsonSerializer.Serialize(d.Refs.ToArray(), SqliteJson.Default.StringArray)),
        ("$body", d.Body.GetRawText()),
    ];
}
