using System.ComponentModel.DataAnnotations;

namespace Kaireon.Storage.Sqlite;

public sealed class SqliteOptions
{
    public const string Section = "Kaireon:Storage:Sqlite";

    /// <summary>The database file; relative paths are under the working directory. Its folder is created.</summary>
    [Required]
    public string Path { get; set; } = "data/kaireon.db";

    /// <summary>WAL pages after which a commit copies the WAL into the database file (SQLite's default is 1,000; see <see cref="SqliteDatabase"/>).</summary>
    [Range(10, 100_000)]
    public int CheckpointPages { get; set; } = 250;
}
