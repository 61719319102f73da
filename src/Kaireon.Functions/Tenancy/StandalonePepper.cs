using System.Security.Cryptography;
using Kaireon.Core.Tenancy;
using Kaireon.Storage.Sqlite;

namespace Kaireon.Functions.Tenancy;

/// <summary>
/// Standalone without a configured pepper, a random one is generated once and kept in
/// <c>kaireon.pepper</c> beside the SQLite file (readable by its owner only), so keys keep working
/// across restarts with no setup. In the cloud the pepper must be configured: keeping it beside
/// the hashes it protects would defeat it.
/// </summary>
public static class StandalonePepper
{
    public static void Fill(ApiKeyOptions options, IServiceProvider services)
    {
        if (!string.IsNullOrEmpty(options.ApiKeyPepper) || services.GetService<SqliteDatabase>() is not { } database) return;
        var path = Path.Combine(Path.GetDirectoryName(database.FilePath)!, "kaireon.pepper");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                using var writer = new StreamWriter(file);
                writer.Write(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        options.ApiKeyPepper = File.ReadAllText(path).Trim();
    }
}
