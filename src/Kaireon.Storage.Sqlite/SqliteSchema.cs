namespace Kaireon.Storage.Sqlite;

/// <summary>
/// The tables mirror the Cosmos containers (design §3): one row per document, the JSON body as
/// text, and the partition (tenant) as the leading primary-key column so every lookup is scoped.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Journal mode cannot change inside a transaction, so this runs on its own first.</summary>
    public const string Pragmas = "PRAGMA journal_mode = WAL;";

    /// <summary>The local stream's table: also created on its own when the stores are Cosmos but the stream is local.</summary>
    public const string Outbox = """
        CREATE TABLE IF NOT EXISTS outbox (
            seq       INTEGER PRIMARY KEY AUTOINCREMENT,
            partition INTEGER NOT NULL,
            body      TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS outbox_by_partition ON outbox (partition, seq);
        """;

    public const string Create = Outbox + """
        CREATE TABLE IF NOT EXISTS catalog (
            tenant_id TEXT NOT NULL,
            kind      TEXT NOT NULL,
            id        TEXT NOT NULL,
            etag      TEXT NOT NULL,
            refs      TEXT NOT NULL,
            body      TEXT NOT NULL,
            PRIMARY KEY (tenant_id, kind, id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS catalog_refs (
            tenant_id TEXT NOT NULL,
            ref       TEXT NOT NULL,
            kind      TEXT NOT NULL,
            id        TEXT NOT NULL,
            PRIMARY KEY (tenant_id, ref, kind, id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS traces (
            tenant_id TEXT NOT NULL,
            kind      TEXT NOT NULL,
            id        TEXT NOT NULL,
            at        TEXT NOT NULL,
            ttl       INTEGER NULL,
            expires   TEXT NULL,
            body      TEXT NOT NULL,
            PRIMARY KEY (tenant_id, kind, id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS traces_by_time ON traces (tenant_id, kind, at);
        CREATE TABLE IF NOT EXISTS customers (
            pk   TEXT NOT NULL,
            id   TEXT NOT NULL,
            etag TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (pk, id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS rollups (
            pk   TEXT NOT NULL,
            id   TEXT NOT NULL,
            etag TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (pk, id)
        ) WITHOUT ROWID;
        """;
}
