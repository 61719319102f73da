using Kaireon.Packaging.Tests.Host;
using Kaireon.Packaging.Tests.Package;

[assembly: AssemblyFixture(typeof(PublishedPackage))]

namespace Kaireon.Packaging.Tests.Package;

/// <summary>
/// The function app package, built once per test run exactly as a deployment builds it
/// (<c>./publish.sh DIR</c>: the FunctionApp publish profile, then the zip), into a temporary
/// folder; and, on first request, that package running as the Functions host would start it.
/// </summary>
public sealed class PublishedPackage : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    private readonly string _root = Directory.CreateTempSubdirectory("kaireon-package-").FullName;
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private PackagedApp? _app;

    /// <summary>The publish folder: what a zip deploy ships and <c>func start</c> runs in.</summary>
    public string Folder => Path.Combine(_root, "app");

    public string Zip => Folder + ".zip";

    /// <summary>The functions of the package, one per folder holding a <c>function.json</c>.</summary>
    public IReadOnlyList<FunctionDefinition> Functions => FunctionDefinition.ReadAll(Folder);

    public async ValueTask InitializeAsync()
    {
        var result = await ProcessRunner.RunAsync("bash", [Repository.PathOf("publish.sh"), Folder, "--disable-build-servers"],
            PublishTimeout, TestContext.Current.CancellationToken);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"./publish.sh failed with exit code {result.ExitCode}:\n{result.Output}");
    }

    /// <summary>The package's executable, started once for the tests that drive it.</summary>
    public async Task<PackagedApp> StartAsync(CancellationToken ct)
    {
        await _startLock.WaitAsync(ct);
        try
        {
            return _app ??= await PackagedApp.StartAsync(Folder, Path.Combine(_root, "state"), ct);
        }
        finally
        {
            _startLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _startLock.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
