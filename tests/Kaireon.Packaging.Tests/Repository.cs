namespace Kaireon.Packaging.Tests;

/// <summary>The repository these tests check: its scripts, sources and templates are read in place.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The function folders of the app's source (<c>src/Kaireon.Functions/functions/&lt;Name&gt;</c>).</summary>
    public static string FunctionsSource => PathOf("src", "Kaireon.Functions", "functions");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kaireon.Functions.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No folder with Kaireon.Functions.sln above {AppContext.BaseDirectory}.");
    }
}
