using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

public sealed class RevisionHistoryTests : IDisposable
{
    private readonly AdminTestContent content = new();
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("portal-shared-data-").FullName;

    private PortalFactory Start()
    {
        var factory = new PortalFactory { ContentDirectory = content.Directory };
        factory.Settings["Portal:DataDirectory"] = dataDirectory;
        return factory;
    }

    [Fact]
    public async Task Edit_publish_diff_and_restore_keep_every_revision_across_a_restart()
    {
        using (var first = Start())
        {
            var editor = first.Services.GetRequiredService<TranslationEditor>();
            var german = await editor.LoadAsync(AdminTestContent.Slug, "de");
            var edited = german!.Text with { Body = german.Text.Body.Replace("unterwegs", "auf dem ganzen Weg") };
            var saved = await editor.SaveAsync(AdminTestContent.Slug, "de", edited, german.Version, PublishChange.Publish, "anna@example.org");
            Assert.Equal(2, saved.Current!.Revision);
            Assert.Contains("auf dem ganzen Weg", await first.CreateClient().GetStringAsync($"/de/articles/{AdminTestContent.Slug}"));

            var diff = await first.Services.GetRequiredService<RevisionHistory>().DiffAsync(AdminTestContent.Slug, "de", 1, 2);
            Assert.Contains(diff!, l => l.Kind == DiffKind.Removed && l.Text.Contains("unterwegs"));
            Assert.Contains(diff!, l => l.Kind == DiffKind.Added && l.Text.Contains("auf dem ganzen Weg"));
        }

        using (var second = Start())
        {
            var history = second.Services.GetRequiredService<RevisionHistory>();
            var revisions = await history.ListAsync(AdminTestContent.Slug, "de");
            Assert.Equal([2, 1], revisions.Select(r => r.Number));
            Assert.Equal("anna@example.org", revisions[0].Author);

            var restored = await history.RestoreAsync(AdminTestContent.Slug, "de", 1, "ben@example.org");
            Assert.Equal(3, restored.Current!.Revision);
            Assert.Contains("unterwegs", await second.CreateClient().GetStringAsync($"/de/articles/{AdminTestContent.Slug}"));
            Assert.Equal([3, 2, 1], (await history.ListAsync(AdminTestContent.Slug, "de")).Select(r => r.Number));
            // One restore, one audit entry: not also a "saved" and a "published" for the same change.
            var entries = await second.Services.GetRequiredService<AuditLog>().NewestAsync();
            var entry = Assert.Single(entries, e => e.Actor == "ben@example.org");
            Assert.Equal(AuditActions.Restored, entry.Action);
            Assert.Equal(AuditDetails.Restored(1, 3, published: true), entry.Detail);
        }

        using (var third = Start())
        {
            var revisions = await third.Services.GetRequiredService<RevisionHistory>().ListAsync(AdminTestContent.Slug, "de");
            Assert.Equal([3, 2, 1], revisions.Select(r => r.Number));
        }
    }

    [Fact]
    public async Task Revisions_are_dated_by_the_app_clock_both_imported_and_edited()
    {
        var now = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);
        using var factory = Start();
        using var app = factory.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FixedClock(now))));
        var editor = app.Services.GetRequiredService<TranslationEditor>();
        var german = await editor.LoadAsync(AdminTestContent.Slug, "de");
        await editor.SaveAsync(AdminTestContent.Slug, "de", german!.Text with { Title = "Neu" }, german.Version, PublishChange.Keep, "anna@example.org");

        var revisions = await app.Services.GetRequiredService<RevisionHistory>().ListAsync(AdminTestContent.Slug, "de");
        Assert.Equal([2, 1], revisions.Select(r => r.Number));
        Assert.All(revisions, r => Assert.Equal(now, r.CreatedAt));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
        content.Dispose();
    }
}
