using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kaireon.Packaging.Tests.Host;

/// <summary>
/// The packaged executable started the way the Functions host starts a custom handler (functions-host
/// README §1): from the app root, with <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> and the worker variables
/// set, then probed with <c>GET /</c> until it answers — within the host's 30 s. Standalone storage
/// (SQLite in a temporary folder) stands in for Cosmos DB; everything else is the package as shipped.
/// </summary>
public sealed class PackagedApp : IAsyncDisposable
{
    /// <summary>The host gives a custom handler 30 s to answer its first <c>GET /</c> (Flex Consumption).</summary>
    public static readonly TimeSpan ReadinessLimit = TimeSpan.FromSeconds(30);

    /// <summary>The bootstrap admin + platform key of tenant <c>default</c>.</summary>
    public const string ApiKey = "krn_packaging_tests_bootstrap_key_0001";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PackagedApp(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Where the host dials the handler: 127.0.0.1 on the port it chose.</summary>
    public Uri BaseAddress { get; }

    /// <summary>How long the first <c>GET /</c> took to be answered.</summary>
    public TimeSpan StartedIn { get; private set; }

    public static async Task<PackagedApp> StartAsync(string appRoot, string stateFolder, CancellationToken ct)
    {
        Directory.CreateDirectory(stateFolder);
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(appRoot, "Kaireon.Functions"))
        {
            WorkingDirectory = appRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Only what the host and the app settings would give it, not the test runner's own settings.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Kaireon", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_HTTPWORKER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = Guid.NewGuid().ToString();
        start.Environment["FUNCTIONS_APP_ROOT_PATH"] = appRoot;
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "custom";
        start.Environment["Kaireon__Storage__Sqlite__Path"] = Path.Combine(stateFolder, "kaireon.db");
        start.Environment["Kaireon__Bootstrap__ApiKey"] = ApiKey;
        // A hub serving one tenant: the recorded events name none.
        start.Environment["Kaireon__Stream__EventHubs__DefaultTenantId"] = "default";

        var process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned no process.");
        var app = new PackagedApp(process, port);
        try
        {
            await app.WaitUntilReadyAsync(ct);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>What the app wrote to stdout and stderr (the host would log it), for failure messages.</summary>
    public string Output()
    {
        lock (_output) return _output.ToString();
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilReadyAsync(CancellationToken ct)
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Kaireon.Functions exited with code {_process.ExitCode} before answering GET /.\n{Output()}");
            if (waited.Elapsed > ReadinessLimit)
                throw new TimeoutException($"Kaireon.Functions did not answer GET / within {ReadinessLimit.TotalSeconds} s, the host's limit.\n{Output()}");
            try
            {
                // Any status counts, as for the host.
                using var response = await probe.GetAsync("/", ct);
                StartedIn = waited.Elapsed;
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(25, ct);
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // A probe timed out while the app was busy starting: probe again.
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
