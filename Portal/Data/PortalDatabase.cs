using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;
using Portal.Hosting;

namespace Portal.Data;

public enum DatabaseProvider { Sqlite, PostgreSQL }

/// <summary>"Portal:Database": which database holds the portal's data. The PostgreSQL connection string is ConnectionStrings:Portal.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Portal:Database";
    public const string ConnectionStringName = "Portal";

    /// <summary>Sqlite (default): one instance, a file in the data directory. PostgreSQL: any number of instances on one database.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

/// <summary>
/// The configured database: hands out contexts of the right provider (every service asks for
/// <see cref="IDbContextFactory{PortalDbContext}"/>, which this is) and serializes the start-up work of instances
/// that share one PostgreSQL database.
/// </summary>
public sealed class PortalDatabase : IDbContextFactory<PortalDbContext>, IAsyncDisposable
{
    /// <summary>The advisory lock key of start-up work ("Portal" in ASCII); any constant works as long as every instance uses the same.</summary>
    private const long StartupLockKey = 0x506F7274616C;

    private readonly DbContextOptions<PortalDbContext>? sqlite;
    private readonly DbContextOptions<PostgreSqlPortalDbContext>? postgreSql;

    private PortalDatabase(DatabaseProvider provider, string connectionString, ILoggerFactory? logging, Action<DbContextOptionsBuilder>? configure)
    {
        Provider = provider;
        if (provider == DatabaseProvider.PostgreSQL)
        {
            try { DataSource = NpgsqlDataSource.Create(connectionString); }
            catch (ArgumentException e)
            {
                throw new DatabaseSettingsException($"ConnectionStrings:{DatabaseOptions.ConnectionStringName} cannot be read ({e.Message}).", e);
            }
            postgreSql = Configured(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>(), logging, configure).UseNpgsql(DataSource).Options;
        }
        else
        {
            sqlite = Configured(new DbContextOptionsBuilder<PortalDbContext>(), logging, configure).UseSqlite(connectionString)
                .AddInterceptors(new SqliteLockWait()).Options;
        }
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The shared PostgreSQL connection pool (also used for LISTEN/NOTIFY); null on SQLite.</summary>
    public NpgsqlDataSource? DataSource { get; }

    /// <param name="configure">More options for every context, whatever the provider (interceptors, for instance).</param>
    public static PortalDatabase Create(DatabaseOptions options, string? postgreSqlConnectionString, PortalPaths paths, ILoggerFactory? logging = null,
        Action<DbContextOptionsBuilder>? configure = null) =>
        options.Provider switch
        {
            DatabaseProvider.PostgreSQL when string.IsNullOrWhiteSpace(postgreSqlConnectionString) => throw new DatabaseSettingsException(
                $"Portal:Database:Provider is PostgreSQL but ConnectionStrings:{DatabaseOptions.ConnectionStringName} is not set (environment: ConnectionStrings__{DatabaseOptions.ConnectionStringName})."),
            DatabaseProvider.PostgreSQL => new PortalDatabase(DatabaseProvider.PostgreSQL, postgreSqlConnectionString!, logging, configure),
            _ => new PortalDatabase(DatabaseProvider.Sqlite, $"Data Source={paths.DatabaseFile}", logging, configure),
        };

    /// <summary>From configuration as the site and the command-line tools read it.</summary>
    public static PortalDatabase FromConfiguration(IConfiguration configuration, PortalPaths paths, ILoggerFactory? logging = null,
        Action<DbContextOptionsBuilder>? configure = null) =>
        Create(configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions(),
            configuration.GetConnectionString(DatabaseOptions.ConnectionStringName), paths, logging, configure);

    public PortalDbContext CreateDbContext() => postgreSql is not null ? new PostgreSqlPortalDbContext(postgreSql) : new PortalDbContext(sqlite!);

    /// <summary>The PostgreSQL context itself, for the data-protection key store; throws on SQLite.</summary>
    public PostgreSqlPortalDbContext CreatePostgreSqlDbContext() =>
        new(postgreSql ?? throw new InvalidOperationException("The data-protection keys are kept in the database only on PostgreSQL."));

    /// <summary>
    /// Held while migrating and importing content/ at start: on PostgreSQL a session advisory lock, so that of several
    /// instances starting at once one does the work and the others wait and then find nothing left to do. It is
    /// released when disposed or when the holder's connection ends (a killed instance does not leave it held).
    /// SQLite serves one instance; it needs none.
    /// </summary>
    public async Task<IAsyncDisposable> LockStartupAsync(CancellationToken cancellationToken = default)
    {
        if (DataSource is null)
            return new Released(null);
        var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", StartupLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new Released(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (DataSource is not null)
            await DataSource.DisposeAsync();
    }

    private static DbContextOptionsBuilder<T> Configured<T>(DbContextOptionsBuilder<T> builder, ILoggerFactory? logging,
        Action<DbContextOptionsBuilder>? configure) where T : DbContext
    {
        if (logging is not null)
            builder.UseLoggerFactory(logging);
        configure?.Invoke(builder);
        return builder;
    }

    private sealed class Released(NpgsqlConnection? connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connection is null)
                return;
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection))
            {
                command.Parameters.AddWithValue("key", StartupLockKey);
                await command.ExecuteNonQueryAsync();
            }
            await connection.DisposeAsync();
        }
    }
}

public static class PortalDatabaseServices
{
    /// <summary>
    /// The configured database for the site and the command-line tools alike: the context factory every service asks
    /// for, and the scoped context Identity's stores use (so on PostgreSQL the accounts are there too).
    /// </summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, Func<IServiceProvider, PortalDatabase> create)
    {
        services.AddSingleton(create);
        services.AddSingleton<IDbContextFactory<PortalDbContext>>(sp => sp.GetRequiredService<PortalDatabase>());
        services.AddScoped(sp => sp.GetRequiredService<PortalDatabase>().CreateDbContext());
        return services;
    }

    /// <summary>
    /// What was registered with <c>services.ConfigureDbContext&lt;PortalDbContext&gt;(…)</c>, applied to the contexts this
    /// database hands out as <c>AddDbContextFactory</c> would (the tests' fault-injecting interceptors come this way).
    /// </summary>
    public static Action<DbContextOptionsBuilder> RegisteredConfiguration(IServiceProvider services) => builder =>
    {
        foreach (var configuration in services.GetServices<Microsoft.EntityFrameworkCore.Infrastructure.IDbContextOptionsConfiguration<PortalDbContext>>())
            configuration.Configure(services, builder);
    };
}

/// <summary>
/// dotnet-ef builds the SQLite model with this (no database is opened to add a migration):
/// <c>dotnet tool run dotnet-ef migrations add Name --context PortalDbContext -o Data/Migrations</c>.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>
/// dotnet-ef builds the PostgreSQL model with this (no server is needed to add a migration):
/// <c>dotnet tool run dotnet-ef migrations add Name --context PostgreSqlPortalDbContext -o Data/Migrations/PostgreSql</c>.
/// </summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlPortalDbContext>
{
    public PostgreSqlPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>().UseNpgsql("Host=localhost;Database=portal").Options);
}
