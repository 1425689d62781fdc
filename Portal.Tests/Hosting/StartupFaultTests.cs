using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Portal.Hosting;
using Portal.Tests.Support;

namespace Portal.Tests.Hosting;

/// <summary>
/// The real executable started on a damaged or unusable database: one clear log line (path, what is wrong, what to do)
/// and an exit code of its own, instead of an unhandled exception (exit 134).
/// </summary>
public sealed class StartupFaultTests
{
    [Fact]
    public async Task A_corrupted_database_ends_start_up_with_one_clear_line_and_its_own_exit_code()
    {
        var data = Directory.CreateTempSubdirectory("portal-corrupt-").FullName;
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(data, "portal.db"), System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("this is no SQLite file. ", 400))));
            var (exit, output) = await RunPortalAsync(data);
            Assert.Equal(PortalSetup.DataFaultExitCode, exit);
            var line = Assert.Single(output.Split('\n'), l => l.Contains("Cannot start:", StringComparison.Ordinal));
            Assert.Contains(Path.Combine(data, "portal.db"), line);
            Assert.Contains("not a SQLite database", line);
            Assert.Contains("What to do:", line);
            Assert.DoesNotContain("Unhandled exception", output);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_database_path_that_cannot_be_opened_ends_start_up_with_its_own_exit_code()
    {
        var data = Directory.CreateTempSubdirectory("portal-unopenable-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(data, "portal.db")); // a folder where the file should be
            var (exit, output) = await RunPortalAsync(data);
            Assert.Equal(PortalSetup.DataFaultExitCode, exit);
            Assert.Contains("cannot be opened or written", Assert.Single(output.Split('\n'), l => l.Contains("Cannot start:", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    internal static async Task<(int Exit, string Output)> RunPortalAsync(string dataDirectory, params string[] settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Portal.dll"), "--urls", "http://127.0.0.1:0",
                $"--Portal:DataDirectory={dataDirectory}", $"--Portal:ContentDirectory={RepositoryPaths.Content}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var setting in settings)
            start.ArgumentList.Add(setting);
        start.Environment["Logging__Console__FormatterName"] = "simple";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the portal kept running on a database it cannot use");
        }
        // The console logger writes the category line and the message on separate lines: join them per entry.
        var text = (await output + await error).Replace("\n      ", " ", StringComparison.Ordinal);
        return (process.ExitCode, text);
    }
}

/// <summary>
/// The same on PostgreSQL: a server that cannot be reached, a refused password, a missing database, a missing connection
/// string. Each is one line saying which database, what is wrong and what to do (never the password), and exit code 3.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlStartupFaultTests(PostgreSqlServer postgres)
{
    private static async Task<string> StartupLineAsync(string? connectionString)
    {
        var data = Directory.CreateTempSubdirectory("portal-pg-fault-").FullName;
        try
        {
            string[] settings = connectionString is null
                ? ["--Portal:Database:Provider=PostgreSQL"]
                : ["--Portal:Database:Provider=PostgreSQL", $"--ConnectionStrings:Portal={connectionString}"];
            var (exit, output) = await StartupFaultTests.RunPortalAsync(data, settings);
            Assert.True(exit == PortalSetup.DataFaultExitCode, $"exit {exit}:\n{output}");
            Assert.DoesNotContain("Unhandled exception", output);
            Assert.DoesNotContain("   at ", output); // no stack trace
            var line = Assert.Single(output.Split('\n'), l => l.Contains("Cannot start:", StringComparison.Ordinal));
            Assert.Contains("What to do:", line);
            return line;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task An_unreachable_server_ends_start_up_with_one_clear_line_and_exit_code_3()
    {
        var closedPort = PortalProcess.FreePort(); // nothing listens there once the probe is closed
        var line = await StartupLineAsync($"Host=127.0.0.1;Port={closedPort};Database=portal;Username=portal;Password=secret-not-shown");
        Assert.Contains($"PostgreSQL database portal on 127.0.0.1:{closedPort} as portal: the server cannot be reached", line);
        Assert.DoesNotContain("secret-not-shown", line);
    }

    [Fact]
    public async Task The_admin_command_on_an_unreachable_server_says_so_in_one_line_with_exit_code_3()
    {
        var closedPort = PortalProcess.FreePort();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:Portal"] = $"Host=127.0.0.1;Port={closedPort};Database=portal;Username=portal;Password=secret-not-shown",
        }).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new Portal.Admin.AdminCommand(configuration, output, error, _ => "a long enough passphrase", _ => null)
            .RunAsync(["create", "someone@example.org", "--role", "Editor"]);

        Assert.Equal(PortalSetup.DataFaultExitCode, exit);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"Cannot use the database: PostgreSQL database portal on 127.0.0.1:{closedPort} as portal: the server cannot be reached", line);
        Assert.DoesNotContain("secret-not-shown", line);
    }

    [Fact]
    public async Task A_wrong_password_ends_start_up_with_one_clear_line_and_exit_code_3()
    {
        var line = await StartupLineAsync(postgres.ConnectionString("postgres", password: "wrong-password-not-shown"));
        Assert.Contains("the server refused the user name or password", line);
        Assert.Contains("28P01", line);
        Assert.DoesNotContain("wrong-password-not-shown", line);
    }

    [Fact]
    public async Task A_missing_database_ends_start_up_with_one_clear_line_and_exit_code_3()
    {
        var line = await StartupLineAsync(postgres.ConnectionString("portal_never_created"));
        Assert.Contains("PostgreSQL database portal_never_created", line);
        Assert.Contains("the database does not exist", line);
        Assert.Contains("createdb --owner portal portal_never_created", line);
    }

    [Fact]
    public async Task A_user_who_may_not_create_the_tables_ends_start_up_with_one_clear_line_and_exit_code_3()
    {
        // Since PostgreSQL 15 only a database's owner may create tables in its public schema.
        var database = new Npgsql.NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync()).Database!;
        var role = $"reader_{Guid.NewGuid():N}";
        await postgres.ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD 'reader-password'");
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(postgres.ConnectionString(database, password: "reader-password")) { Username = role };
        var line = await StartupLineAsync(connection.ConnectionString);
        Assert.Contains("the user may not create or change the portal's tables", line);
        Assert.Contains($"ALTER DATABASE {database} OWNER TO {role}", line);
    }

    [Fact]
    public async Task PostgreSQL_without_a_connection_string_ends_start_up_with_one_clear_line_and_exit_code_3()
    {
        var line = await StartupLineAsync(null);
        Assert.Contains("ConnectionStrings:Portal is not set", line);
    }
}
