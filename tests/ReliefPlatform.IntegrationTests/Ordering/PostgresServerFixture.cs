using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ReliefPlatform.IntegrationTests.Ordering;

/// <summary>
/// A PostgreSQL server of its own (the Debian server, started by the same script the AppHost uses, on a free loopback
/// port, throw-away data), for tests that need only a database: much lighter than starting the whole county.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"relief-pg-{Guid.NewGuid():N}");
    private readonly string _password = $"Pg{Guid.NewGuid():N}";
    private Process? _server;
    private int _port;

    public async Task InitializeAsync()
    {
        _port = FreePort();
        var script = Repository.File("AppHost", "infra", "postgres.sh");
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PG_DATA"] = _data;
        start.Environment["PG_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PG_PASSWORD"] = _password;
        start.Environment["PG_EPHEMERAL"] = "1";
        _server = Process.Start(start) ?? throw new InvalidOperationException("PostgreSQL did not start.");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ServerConnectionString("postgres"));
                await connection.OpenAsync();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException && DateTime.UtcNow < deadline && !_server.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>A connection string to a new database of the test's own (created on first use).</summary>
    public string NewDatabase() => ServerConnectionString($"it_{Guid.NewGuid():N}");

    public Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            // The whole tree: the script (which may supervise the server) and PostgreSQL under it — throw-away data.
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(10_000);
        }

        _server?.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A throw-away folder under /tmp; nothing depends on it going now.
        }

        return Task.CompletedTask;
    }

    private string ServerConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = _port, Username = "postgres", Password = _password, Database = database, Pooling = true,
    }.ConnectionString;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "postgres";
}
