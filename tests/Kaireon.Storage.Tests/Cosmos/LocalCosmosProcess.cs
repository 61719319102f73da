using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kaireon.Storage.Tests.Cosmos;

/// <summary>
/// <c>@vercel/cosmosdb-server</c> (npm, pinned in <c>tools/cosmosdb-server</c>) as a child process on
/// a free port, plain HTTP, killed with its process tree on dispose.
/// </summary>
internal sealed class LocalCosmosProcess : IDisposable
{
    private const string HowToInstall =
        "Run `npm ci --prefix tools/cosmosdb-server` from the repository root (needs Node.js 20+ on PATH), "
        + "or set COSMOS_ENDPOINT and COSMOS_KEY to test against the Cosmos DB emulator.";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LocalCosmosProcess(Process process, int port)
    {
        _process = process;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Endpoint { get; }

    public static async Task<LocalCosmosProcess> StartAsync(CancellationToken ct)
    {
        var root = FindRepositoryRoot();
        var cli = Path.Combine(root, "tools", "cosmosdb-server", "node_modules", "@vercel", "cosmosdb-server", "lib", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"The Cosmos test server is not installed: {cli} is missing. {HowToInstall}");
        }

        var port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { cli, "--no-ssl", "--host", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned no process for `node`.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not run `node` to start the Cosmos test server: {e.Message}. {HowToInstall}", e);
        }

        var server = new LocalCosmosProcess(process, port);
        try
        {
            await server.WaitUntilListeningAsync(port, ct);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5_000);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill: nothing left to stop.
        }
        _process.Dispose();
    }

    private async Task WaitUntilListeningAsync(int port, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (!await AnswersAsync(port, ct))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The Cosmos test server exited with code {_process.ExitCode} before listening on port {port}. {HowToInstall}\nIts output:\n{Output()}");
            }
            if (waited.Elapsed > StartTimeout)
            {
                throw new TimeoutException(
                    $"The Cosmos test server did not listen on port {port} within {StartTimeout.TotalSeconds} s. {HowToInstall}\nIts output:\n{Output()}");
            }
            await Task.Delay(50, ct);
        }
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken ct)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
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

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kaireon.Functions.sln"))
                || Directory.Exists(Path.Combine(dir.FullName, "tools", "cosmosdb-server")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException(
            $"No repository root (a folder with Kaireon.Functions.sln or tools/cosmosdb-server) above {AppContext.BaseDirectory}. {HowToInstall}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private string Output()
    {
        lock (_output) return _output.ToString();
    }
}
