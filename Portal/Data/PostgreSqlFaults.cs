using System.Net.Sockets;
using Npgsql;

namespace Portal.Data;

/// <summary>
/// The settings name PostgreSQL but do not say how to reach it (no connection string, or one Npgsql cannot read).
/// Start-up reports it like a database it cannot use.
/// </summary>
public sealed class DatabaseSettingsException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Recognises a PostgreSQL database that cannot be used at start (server unreachable, user or password refused, no such
/// database, no right to create the tables, settings missing) and says so in one log line: which database, what is
/// wrong, what to do. The line never contains the password.
/// </summary>
public static class PostgreSqlFaults
{
    public static bool IsStartupFault(Exception exception) =>
        exception is DatabaseSettingsException || ExceptionChain.Find<NpgsqlException>(exception) is not null;

    public static string StartupProblem(string? connectionString, Exception exception)
    {
        if (exception is DatabaseSettingsException settings)
            return $"database settings: {settings.Message} What to do: set ConnectionStrings__{DatabaseOptions.ConnectionStringName} "
                + "(see Portal/Deploy/systemd/portal.env.example), or remove Portal:Database:Provider to use SQLite.";

        var (target, server, user, database) = Describe(connectionString);
        var refusal = ExceptionChain.Find<PostgresException>(exception);
        var (wrong, todo) = refusal?.SqlState switch
        {
            PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification => (
                "the server refused the user name or password",
                $"check Username and Password in ConnectionStrings:{DatabaseOptions.ConnectionStringName}, and that pg_hba.conf lets {user} connect from this machine"),
            PostgresErrorCodes.InvalidCatalogName => (
                "the database does not exist",
                $"create it for its user (sudo -u postgres createdb --owner {user} {database}), as in Portal/Deploy/README.md"),
            PostgresErrorCodes.InsufficientPrivilege => (
                "the user may not create or change the portal's tables",
                $"make {user} the database's owner (ALTER DATABASE {database} OWNER TO {user})"),
            not null => ("the server refused to work with it", "see the PostgreSQL server's log for the same moment"),
            null when ExceptionChain.Find<SocketException>(exception) is not null || ExceptionChain.Find<TimeoutException>(exception) is not null => (
                "the server cannot be reached",
                $"check that PostgreSQL is running and listens on {server} (port, listen_addresses) and that nothing blocks the connection"),
            null => ("the connection to the server failed", $"check that PostgreSQL is running and listens on {server}"),
        };
        var said = refusal is not null ? $"{refusal.SqlState}: {refusal.MessageText}" : ExceptionChain.Innermost(exception).Message;
        return $"{target}: {wrong} ({said}). What to do: {todo}.";
    }

    /// <summary>"PostgreSQL database portal on 127.0.0.1:5432 as portal", read from the connection string without its password.</summary>
    private static (string Target, string Server, string User, string Database) Describe(string? connectionString)
    {
        try
        {
            var parts = new NpgsqlConnectionStringBuilder(connectionString);
            var server = $"{parts.Host}:{parts.Port}";
            var user = string.IsNullOrEmpty(parts.Username) ? Environment.UserName : parts.Username;
            var database = string.IsNullOrEmpty(parts.Database) ? user : parts.Database;
            return ($"PostgreSQL database {database} on {server} as {user}", server, user, database);
        }
        catch (ArgumentException)
        {
            return ("PostgreSQL database", "the configured host", "the configured user", "the configured database");
        }
    }
}
