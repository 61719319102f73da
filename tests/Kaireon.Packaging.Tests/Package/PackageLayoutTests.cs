using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Kaireon.Packaging.Tests.Package;

/// <summary>The publish folder and its zip are a function app the host can start (design §2, functions-host README §1, §6).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PackageLayoutTests(PublishedPackage package)
{
    private const UnixFileMode Executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private JsonObject HostJson => JsonNode.Parse(File.ReadAllText(Path.Combine(package.Folder, "host.json")))!.AsObject();

    private string ExecutableName => (string)HostJson["customHandler"]!["description"]!["defaultExecutablePath"]!;

    [Fact]
    public void Host_json_starts_the_packaged_executable_and_proxies_http()
    {
        var handler = HostJson["customHandler"]!.AsObject();

        Assert.Equal("Kaireon.Functions", ExecutableName);
        Assert.True((bool)handler["enableProxyingHttpRequest"]!);
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", (string?)HostJson["extensionBundle"]!["id"]);
        Assert.StartsWith("[4.", (string?)HostJson["extensionBundle"]!["version"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_executable_is_a_native_linux_program_with_its_executable_bits()
    {
        var path = Path.Combine(package.Folder, ExecutableName);

        Assert.True(File.Exists(path), $"{ExecutableName} is not in the package");
        Assert.Equal(Executable, File.GetUnixFileMode(path) & Executable);
        var header = new byte[4];
        using (var file = File.OpenRead(path)) file.ReadExactly(header);
        Assert.Equal("\u007fELF"u8.ToArray(), header);
    }

    [Fact]
    public void The_package_is_self_contained_so_the_custom_runtime_needs_no_dotnet()
    {
        var runtimeConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(package.Folder, "Kaireon.Functions.runtimeconfig.json")))!;

        var frameworks = runtimeConfig["runtimeOptions"]!["includedFrameworks"]!.AsArray().Select(f => (string)f!["name"]!);
        Assert.Equal(["Microsoft.AspNetCore.App", "Microsoft.NETCore.App"], frameworks.Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(package.Folder, "libcoreclr.so")));
    }

    [Fact]
    public void Every_function_of_the_source_is_in_the_package_and_nothing_else()
    {
        var source = FunctionDefinition.ReadAll(Repository.FunctionsSource);

        Assert.NotEmpty(source);
        Assert.Equal(source.Select(f => f.Name), package.Functions.Select(f => f.Name));
        foreach (var function in package.Functions)
        {
            // One level deep, as the host looks for them: <root>/<Name>/function.json.
            Assert.Equal(package.Folder, Path.GetDirectoryName(Path.GetDirectoryName(function.Path)));
        }
        Assert.False(Directory.Exists(Path.Combine(package.Folder, "functions")));
    }

    [Fact]
    public void The_zip_holds_the_folder_at_its_root_and_keeps_the_executable_bit()
    {
        using var zip = ZipFile.OpenRead(package.Zip);
        var entries = zip.Entries.ToDictionary(e => e.FullName);

        Assert.Contains("host.json", entries.Keys);
        foreach (var function in package.Functions) Assert.Contains($"{function.Name}/function.json", entries.Keys);
        // Unix mode is the high 16 bits of the external attributes.
        var mode = (UnixFileMode)((entries[ExecutableName].ExternalAttributes >> 16) & 0x1FF);
        Assert.Equal(Executable, mode & Executable);
    }
}
