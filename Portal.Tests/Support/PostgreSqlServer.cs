using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Portal.Tests.Support;

/// <summary>
/// A real PostgreSQL server from Debian's postgresql package, started for the test run: initdb into a temporary
/// folder, pg_ctl start on a free loopback port, stopped and deleted afterwards. Each test takes a database of its own
/// (<see cref="CreateDatabaseAsync"/>). PostgreSQL refuses to run as root, so as root the server runs as the
/// package's postgres user. Connections over TCP need the password, which is made up for the run.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private const string Superuser = "portal";
    private static readonly string Password = Guid.NewGuid().ToString("N");
    private readonly string folder = Directory.CreateTempSubdirectory("portal-pg-").FullName;
    private string DataFolder => Path.Combine(folder, "data");
    private string SocketFolder => Path.Combine(folder, "socket");

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        var bin = FindBinaries();
        Directory.CreateDirectory(SocketFolder);
        var passwordFile = Path.Combine(folder, "password");
        await File.WriteAllTextAsync(passwordFile, Password);
        if (Environment.UserName == "root")
            await RunAsync("chown", ["-R", "postgres:postgres", folder]);
        // Connections over TCP must give the password, as in production, so that a wrong one is refused.
        await RunAsPostgresAsync(Path.Combine(bin, "initdb"), ["-D", DataFolder, "-U", Superuser, "--pwfile", passwordFile,
            "--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8", "--no-sync"]);
        Port = FreePort();
        // fsync off: the data is thrown away after the run; the test is about behaviour, not durability on power loss.
        await RunAsPostgresAsync(Path.Combine(bin, "pg_ctl"), ["start", "-w", "-D", DataFolder, "-l", Path.Combine(folder, "server.log"),
            "-o", $"-p {Port} -k {SocketFolder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"]);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await RunAsPostgresAsync(Path.Combine(FindBinaries(), "pg_ctl"), ["stop", "-D", DataFolder, "-m", "immediate"]); }
        finally { Directory.Delete(folder, recursive: true); }
    }

    /// <param name="password">Another password than the server's, to see it refused.</param>
    public string ConnectionString(string database, string? password = null) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = Superuser, Password = password ?? Password, Database = database, MaxPoolSize = 60 }.ConnectionString;

    /// <summary>An empty database of its own for one test; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"portal_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Runs <paramref name="sql"/> as the server's superuser (roles, grants).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
              ?? throw new InvalidOperationException("No pg_ctl under /usr/lib/postgresql: apt-get install -y postgresql (.ci/run does this).")
            : throw new InvalidOperationException("PostgreSQL is missing: apt-get install -y postgresql (.ci/run does this).");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsPostgresAsync(string program, string[] arguments) =>
        Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
    }
}

[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServer>
{
    public const string Name = "PostgreSQL";
}
