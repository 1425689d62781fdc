using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Data;

namespace Portal.Hosting;

/// <summary>
/// For the load balancer: <c>/healthz</c> answers while the process runs; <c>/readyz</c> only once this instance can
/// serve current data (database reachable, no pending migration, content/ imported, and on PostgreSQL the change
/// notifications heard), so a fresh or cut-off instance gets no traffic.
/// </summary>
public static class PortalHealth
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/readyz";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddPortalHealth(this IServiceCollection services)
    {
        services.AddSingleton<StartupState>();
        services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: [ReadyTag]);
        return services;
    }

    public static void MapPortalHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
    }
}

/// <summary>What start-up has finished.</summary>
public sealed class StartupState
{
    public volatile bool ContentImported;
}

public sealed class ReadinessCheck(PortalDatabase database, StartupState startup, ChangeFeed changes) : IHealthCheck
{
    /// <summary>Once none is pending, none appears while this build runs; no need to ask the database again.</summary>
    private volatile bool migrated;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!startup.ContentImported)
            return HealthCheckResult.Unhealthy("content/ is not imported yet");
        await using var db = database.CreateDbContext();
        if (!await db.Database.CanConnectAsync(cancellationToken))
            return HealthCheckResult.Unhealthy("the database is not reachable");
        if (!migrated)
        {
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
                return HealthCheckResult.Unhealthy("migrations are pending");
            migrated = true;
        }
        return changes.IsListening
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("not hearing other instances' changes");
    }
}
