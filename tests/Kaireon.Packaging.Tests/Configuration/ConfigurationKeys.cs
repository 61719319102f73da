using System.Reflection;
using System.Text.RegularExpressions;

namespace Kaireon.Packaging.Tests.Configuration;

/// <summary>
/// The configuration keys Kaireon reads, derived from its sources rather than listed by hand:
/// <list type="bullet">
/// <item>options classes (<c>const string Section = "Kaireon:…"</c>): the section plus each settable property, read by reflection;</item>
/// <item>any other <c>"Kaireon:…"</c> key written in a string literal (provider switches, messages naming a key);</item>
/// <item>keys read directly: <c>configuration["X"]</c>, <c>configuration[Constant]</c>, <c>GetEnvironmentVariable("X")</c>.</item>
/// </list>
/// Keys use ':' (configuration form); compare case-insensitively, as configuration does.
/// </summary>
internal static partial class ConfigurationKeys
{
    /// <summary>Constants from outside Kaireon that the code reads configuration with, reviewed.</summary>
    private static readonly Dictionary<string, string> ExternalConstants = new(StringComparer.Ordinal)
    {
        ["WebHostDefaults.ServerUrlsKey"] = "urls",
    };

    public static IReadOnlySet<string> All { get; } = Derive();

    /// <summary>The <c>__</c> form of an environment variable or app setting as a configuration key.</summary>
    public static string FromEnvironmentName(string name) => name.Replace("__", ":", StringComparison.Ordinal);

    private static HashSet<string> Derive()
    {
        var sources = Directory.EnumerateFiles(Repository.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        var constants = sources.SelectMany(s => StringConstant().Matches(s))
            .GroupBy(m => m.Groups["name"].Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Groups["value"].Value).Distinct().ToList(), StringComparer.Ordinal);

        var sections = OptionsSections();
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (section, properties) in sections)
        {
            foreach (var property in properties) keys.Add($"{section}:{property}");
        }
        foreach (var source in sources)
        {
            foreach (var literal in KaireonKey().Matches(source).Select(m => m.Value))
            {
                if (!sections.ContainsKey(literal)) keys.Add(literal);
            }
            foreach (Match read in ConfigurationRead().Matches(source))
            {
                if (read.Groups["literal"].Success) keys.Add(read.Groups["literal"].Value);
                else keys.UnionWith(Resolve(read.Groups["constant"].Value, constants));
            }
            foreach (var variable in EnvironmentRead().Matches(source).Select(m => m.Groups[1].Value)) keys.Add(variable);
        }
        return keys;
    }

    /// <summary>The value of a constant by its name; a name declared twice in Kaireon (two ProviderKeys) gives both.</summary>
    private static List<string> Resolve(string constant, Dictionary<string, List<string>> constants)
    {
        if (ExternalConstants.TryGetValue(constant, out var external)) return [external];
        if (constants.TryGetValue(constant[(constant.LastIndexOf('.') + 1)..], out var values)) return values;
        throw new InvalidOperationException(
            $"The code reads configuration[{constant}], which these tests cannot resolve: add it to {nameof(ExternalConstants)} after review.");
    }

    /// <summary>Each options class of Kaireon's assemblies with the properties configuration binds.</summary>
    private static Dictionary<string, IReadOnlyList<string>> OptionsSections()
    {
        Assembly[] assemblies =
        [
            typeof(Kaireon.Core.Tenancy.ApiKeyOptions).Assembly,
            typeof(Kaireon.Storage.Cosmos.CosmosOptions).Assembly,
            typeof(Kaireon.Storage.Sqlite.SqliteOptions).Assembly,
            typeof(Kaireon.Functions.Hosting.ApiOptions).Assembly,
        ];
        var sections = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            var field = type.GetField("Section", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
            if (field is not { IsLiteral: true } || field.GetRawConstantValue() is not string section || !section.StartsWith("Kaireon:", StringComparison.Ordinal))
                continue;
            sections[section] = [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true })
                .Select(p => p.Name)];
        }
        return sections;
    }

    [GeneratedRegex(@"const\s+string\s+(?<name>\w+)\s*=\s*""(?<value>[^""]*)""")]
    private static partial Regex StringConstant();

    [GeneratedRegex(@"Kaireon(?::[A-Z][A-Za-z0-9]*)+")]
    private static partial Regex KaireonKey();

    [GeneratedRegex(@"[Cc]onfiguration\[\s*(?:""(?<literal>[^""]+)""|(?<constant>[A-Za-z_][\w.]*))\s*\]")]
    private static partial Regex ConfigurationRead();

    [GeneratedRegex(@"GetEnvironmentVariable\(\s*""([^""]+)""\s*\)")]
    private static partial Regex EnvironmentRead();
}
