using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Kaireon.Storage.Sqlite;

/// <summary>
/// One SQL statement prepared on a connection and run straight through SQLitePCL, for the statements
/// that run once per event or document (the outbox's insert, a document's write and read).
/// </summary>
/// <remarks>
/// Through <see cref="SqliteCommand"/> every execution builds a data reader, a statement enumerator
/// and parameter binders, and re-prepares the SQL whenever the command is new: per event, more managed
/// work and allocation than SQLite's own. Here a statement is prepared once and each execution is a
/// bind, a step and a reset. Errors are SQLite's, thrown as <see cref="SqliteException"/> like the
/// provider's. Parameters are bound by position (<c>?1</c>, <c>?2</c>…), so a statement states its
/// parameters' order in its SQL.
/// </remarks>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public RawStatement Bind(int index, string value)
    {
        Check(raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    public RawStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    /// <summary>Binds bytes as a blob (SQLite copies them); a statement that stores text CASTs it.</summary>
    public RawStatement Bind(int index, ReadOnlySpan<byte> value)
    {
        Check(raw.sqlite3_bind_blob(_statement, index, value));
        return this;
    }

    public RawStatement BindNull(int index)
    {
        Check(raw.sqlite3_bind_null(_statement, index));
        return this;
    }

    /// <summary>Runs the statement to its end and answers how many rows it changed.</summary>
    public int Execute()
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW) { }
            Check(rc);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Steps to the next row: true with a row to read, false at the end (the statement is then reset for its next run).</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW) return true;
        raw.sqlite3_reset(_statement);
        Check(rc);
        return false;
    }

    /// <summary>Ends a run before its last row, so the statement holds no read of the database.</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public long GetInt64(int column) => raw.sqlite3_column_int64(_statement, column);

    public string GetString(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public byte[] GetBytes(int column) => GetSpan(column).ToArray();

    /// <summary>A column's bytes in SQLite's own memory: valid until the statement steps, resets or is disposed.</summary>
    public ReadOnlySpan<byte> GetSpan(int column) => raw.sqlite3_column_blob(_statement, column);

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE)) SqliteException.ThrowExceptionForRC(rc, _db);
    }
}
