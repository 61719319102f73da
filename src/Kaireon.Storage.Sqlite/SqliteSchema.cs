namespace Kaireon.Storage.Sqlite;

/// <summary>
/// The tables mirror the Cosmos containers (design §3): one row per document, the JSON body as
/// text, and the partition (tenant) as the leading primary-key column so every lookup is scoped.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Journal mode cannot change inside a transaction, so this runs on its own first.</summary>
    public const string Pragmas = "PRAGMA journal_mode = WAL;";

    /// <summary>
    /// The local stream's table: also created on its own when the stores are Cosmos but the stream is local.
    /// A row holds one publish's events of one partition as a JSON array (or, written by an earlier
    /// version, one event as an object); its <c>seq</c> is its last event's sequence number (<see cref="SqliteOutbox"/>).
    /// </summary>
    public const string Outbox = """
        CREATE TABLE IF NOT EXISTS outbox (
            seq       INTEGER PRIMARY KEY AUTOINCREMENT,
            partition INTEGER NOT NULL,
            body      TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS outbox_by_partition ON outbox (partition, seq);
        """;

    public static readonly string Create = Outbox + """
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
        """ + Documents("customers") + Documents("rollups");

    /// <summary>The partitioned containers' tables (<see cref="SqlitePartitionedStore"/>).</summary>
    public static readonly string[] DocumentTables = ["customers", "rollups"];

    /// <summary>
    /// A partitioned container's table: rowid, with (pk, id) as its unique key. Not WITHOUT ROWID, as
    /// the other tables are: their rows are small, but a document is hundreds of bytes to kilobytes,
    /// and a WITHOUT ROWID tree holds four or five such rows a page, so inserting a document split
    /// and rewrote pages several times over (measured: 16.5 KB written per 700-byte document inserted
    /// at random, against 4.0 KB in a rowid table, which appends the row and inserts a small key).
    /// </summary>
    public static string Documents(string table) => $"""
        CREATE TABLE IF NOT EXISTS {table} (
            pk   TEXT NOT NULL,
            id   TEXT NOT NULL,
            etag TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (pk, id)
        );

        """;

    /// <summary>Moves a document table made WITHOUT ROWID by an earlier version into the rowid layout, in the caller's transaction.</summary>
    public static string MigrateDocuments(string table) => Documents($"{table}_rowid") + $"""
        INSERT INTO {table}_rowid (pk, id, etag, body) SELECT pk, id, etag, body FROM {table} ORDER BY pk, id;
        DROP TABLE {table};
        ALTER TABLE {table}_rowid RENAME TO {table};
        """;
}
