using Kaireon.Packaging.Tests.Package;

namespace Kaireon.Packaging.Tests.Configuration;

/// <summary>What the function.json files of the app's source ask of the app settings.</summary>
internal static class FunctionSettings
{
    private static IReadOnlyList<FunctionDefinition> Functions => FunctionDefinition.ReadAll(Repository.FunctionsSource);

    /// <summary><c>%Setting%</c> references, resolved by the host from app settings.</summary>
    public static IReadOnlySet<string> References =>
        Functions.SelectMany(f => f.SettingReferences).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Connection names: a connection string setting, or <c>&lt;name&gt;__…</c> settings for an identity.</summary>
    public static IReadOnlySet<string> Connections =>
        Functions.SelectMany(f => f.Connections).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Settings the Functions host itself reads (not Kaireon): the worker runtime and its storage.</summary>
    public static readonly IReadOnlySet<string> HostSettings =
        new HashSet<string>(["FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage"], StringComparer.OrdinalIgnoreCase);
}
