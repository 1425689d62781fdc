using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Articles;
using Portal.Data;
using Portal.Hosting;
using Portal.Tests.Admin;
using Portal.Tests.Support;

namespace Portal.Tests.Data;

/// <summary>
/// The data layer on both providers: the real app started on a real SQLite file or on a database of the
/// test run's real PostgreSQL server (<see cref="PostgreSqlServer"/>).
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class DatabaseProviderTests(PostgreSqlServer postgres) : IDisposable
{
    private readonly AdminTestContent content = new();
    private readonly List<PortalFactory> factories = [];

    private async Task<PortalFactory> PortalOnAsync(string provider, string? connectionString = null, string? contentDirectory = null)
    {
        var factory = new PortalFactory { ContentDirectory = contentDirectory ?? content.Directory };
        factory.Settings["Portal:Database:Provider"] = provider;
        if (provider == nameof(DatabaseProvider.PostgreSQL))
            factory.Settings["ConnectionStrings:Portal"] = connectionString ?? await postgres.CreateDatabaseAsync();
        factories.Add(factory);
        return factory;
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task Start_migrates_imports_and_reports_ready_and_a_second_import_changes_nothing(string provider)
    {
        var factory = await PortalOnAsync(provider);
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(PortalHealth.LivePath)).StatusCode);
        // Readiness waits for start-up work that runs beside the first requests (on PostgreSQL, the LISTEN connection of
        // the change feed), so the test asks as a load balancer does: again, until a deadline.
        var ready = await client.GetAsync(PortalHealth.ReadyPath);
        for (var deadline = DateTime.UtcNow.AddSeconds(15); ready.StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(100);
            ready = await client.GetAsync(PortalHealth.ReadyPath);
        }
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        Assert.Contains("Grundlagen der Verschlüsselung", await client.GetStringAsync($"/de/articles/{AdminTestContent.Slug}"));

        var again = await factory.Services.GetRequiredService<ContentImporter>().ImportAsync();
        Assert.Equal((0, 0, 2), (again.Added, again.Updated, again.Unchanged));
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(provider == "PostgreSQL", db is PostgreSqlPortalDbContext);
        Assert.Equal(2, await db.Revisions.CountAsync());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task A_save_from_a_stale_version_is_refused_and_the_first_save_is_kept(string provider)
    {
        var editor = (await PortalOnAsync(provider)).Services.GetRequiredService<TranslationEditor>();
        var first = await editor.LoadAsync(AdminTestContent.Slug, "de");
        var second = await editor.LoadAsync(AdminTestContent.Slug, "de");

        var saved = await editor.SaveAsync(AdminTestContent.Slug, "de", first!.Text with { Body = "Text von Anna." }, first.Version, PublishChange.Publish, "anna@example.org");
        var refused = await editor.SaveAsync(AdminTestContent.Slug, "de", second!.Text with { Body = "Text von Ben." }, second.Version, PublishChange.Publish, "ben@example.org");

        Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        Assert.Equal(SaveOutcome.Conflict, refused.Outcome);
        Assert.Equal("Text von Anna.", refused.Current!.Text.Body);
        var page = await factories[0].CreateClient().GetStringAsync($"/de/articles/{AdminTestContent.Slug}");
        Assert.Contains("Text von Anna.", page);
        Assert.DoesNotContain("Text von Ben.", page);
    }

    [Fact]
    public async Task Instances_starting_at_once_on_one_database_import_content_once()
    {
        var database = await postgres.CreateDatabaseAsync();
        var one = await PortalOnAsync("PostgreSQL", database, RepositoryPaths.Content);
        var two = await PortalOnAsync("PostgreSQL", database, RepositoryPaths.Content);
        // Both hosts start (migrate and import) on their own threads at the same moment.
        await Task.WhenAll(Task.Run(() => one.Services), Task.Run(() => two.Services));

        await using var db = await one.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var files = Directory.EnumerateFiles(RepositoryPaths.Content, "*.md", SearchOption.AllDirectories).Count();
        Assert.Equal(files, await db.ContentSync.CountAsync());
        var revisionsPerTranslation = await db.Revisions.GroupBy(r => r.TranslationId).Select(g => g.Count()).ToListAsync();
        Assert.NotEmpty(revisionsPerTranslation);
        Assert.All(revisionsPerTranslation, count => Assert.Equal(1, count));
        // Each migration applied once, not once per instance.
        Assert.Equal(db.Database.GetMigrations().Count(), await db.Database.SqlQueryRaw<int>("""SELECT count(*)::int AS "Value" FROM "__EFMigrationsHistory" """).SingleAsync());
    }

    [Fact]
    public async Task A_change_on_one_instance_reaches_the_other_within_two_seconds_and_keys_are_shared()
    {
        var database = await postgres.CreateDatabaseAsync();
        var one = await PortalOnAsync("PostgreSQL", database);
        var two = await PortalOnAsync("PostgreSQL", database);
        var reader = two.CreateClient();
        Assert.Contains("Grundlagen der Verschlüsselung", await reader.GetStringAsync($"/de/articles/{AdminTestContent.Slug}"));
        var catalogs = two.Services.GetRequiredService<DatabaseAnalysisCatalogs>();
        Assert.DoesNotContain(catalogs.Relays.Services, s => s.Id == "scaleout-relay");
        await WaitUntilAsync(() => Task.FromResult(two.Services.GetRequiredService<ChangeFeed>().IsListening), TimeSpan.FromSeconds(10));

        var editor = one.Services.GetRequiredService<TranslationEditor>();
        var german = await editor.LoadAsync(AdminTestContent.Slug, "de");
        Assert.Equal(SaveOutcome.Saved, (await editor.SaveAsync(AdminTestContent.Slug, "de",
            german!.Text with { Title = "Verschlüsselung kurz erklärt" }, german.Version, PublishChange.Publish, "anna@example.org")).Outcome);
        await one.Services.GetRequiredService<CatalogEditor>().SaveRelayAsync(new RelayCatalogEntry
        {
            ServiceId = "scaleout-relay", ServiceName = "Scale-out Relay", Kind = "domain", Value = "relay.scaleout.example", Strength = "strong", Headers = "",
        }, "anna@example.org");

        var elapsed = await WaitUntilAsync(async () =>
            (await reader.GetStringAsync($"/de/articles/{AdminTestContent.Slug}")).Contains("Verschlüsselung kurz erklärt")
            && catalogs.Relays.Services.Any(s => s.Id == "scaleout-relay"), TimeSpan.FromSeconds(2));
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"took {elapsed}");

        // A cookie or antiforgery token protected by one instance is read by the other.
        var secret = one.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("scaleout").Protect("signed in");
        Assert.Equal("signed in", two.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("scaleout").Unprotect(secret));
    }

    private static async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > limit + TimeSpan.FromSeconds(3))
                break;
            await Task.Delay(50);
        }
        return watch.Elapsed;
    }

    public void Dispose()
    {
        foreach (var factory in factories)
            factory.Dispose();
        content.Dispose();
    }
}
