using System.ComponentModel.DataAnnotations;

namespace Kaireon.Storage.Sqlite;

public sealed class SqliteOptions
{
    public const string Section = "Kaireon:Storage:Sqlite";

    /// <summary>The database file; relative paths are under the working directory. Its folder is created.</summary>
    [Required]
    public string Path { get; set; } = "data/kaireon.db";

    /// <summary>
    /// WAL pages after which a connection beside the writer copies the WAL into the database file
    /// (SQLite's default is 1,000, inside the commit); the writer copies the rest itself, and the log
    /// starts over, every <see cref="WalCheckpoints.RestartFactor"/> times as many (see <see cref="WalCheckpoints"/>).
    /// </summary>
    /// <remarks>
    /// Under a sustained ingest the writer is the store's bottleneck, and its own copies at each restart
    /// were a quarter of its time at 250 (8,000-page restarts, each with the copy's two syncs); at 1,000
    /// they are a tenth, and a copy beside the writer shares more of a page's writes
    /// (<c>docs/benchmarks.md</c>, session 12). The log then reaches 32,000 pages (128 MB) before it starts over.
    /// </remarks>
    [Range(10, 100_000)]
    public int CheckpointPages { get; set; } = 1_000;

    /// <summary>
    /// The writer connection's page cache, in MB (SQLite's default is 2). Its pages stay valid between
    /// commits, since no other connection writes; with the default, a write to a random customer's
    /// day document read most of its tree path back from the file.
    /// </summary>
    [Range(2, 4_096)]
    public int WriterCacheMegabytes { get; set; } = 64;
}
