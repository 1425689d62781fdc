using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Articles;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>Export and conflicts against a temporary content/ (never the repository's).</summary>
public sealed class ContentSyncTests : IDisposable
{
    private readonly AdminTestContent content = new();
    private readonly PortalFactory factory;

    public ContentSyncTests() => factory = new PortalFactory { ContentDirectory = content.Directory };

    [Fact]
    public async Task Export_writes_the_portal_edit_in_the_front_matter_format_and_reimports_as_unchanged()
    {
        var editor = factory.Services.GetRequiredService<TranslationEditor>();
        var german = await editor.LoadAsync(AdminTestContent.Slug, "de");
        await editor.SaveAsync(AdminTestContent.Slug, "de", german!.Text with { Title = "Verschlüsselung: die Grundlagen" },
            german.Version, PublishChange.Publish, "anna@example.org");

        var result = await factory.Services.GetRequiredService<ContentExporter>().ExportAllAsync("anna@example.org");
        Assert.Contains("de/test-encryption-basics.md", result.Written);
        var file = await File.ReadAllTextAsync(content.PathOf("de"));
        Assert.StartsWith("---\ntitle: \"Verschlüsselung: die Grundlagen\"\n", file);
        Assert.Contains("tags: [encryption, basics]\nsource_revision: 1\n---\n\n## Warum verschlüsseln", file);
        Assert.Contains("summary: \"What encryption means: a short overview.\"", await File.ReadAllTextAsync(content.PathOf("en")));

        var import = await factory.Services.GetRequiredService<ContentImporter>().ImportAsync();
        Assert.Empty(import.Conflicts);
        Assert.Equal(0, import.Updated);
        Assert.Empty((await factory.Services.GetRequiredService<ContentExporter>().ExportAllAsync("anna@example.org")).Written);
    }

    [Fact]
    public async Task A_file_changed_while_the_portal_changed_too_is_a_conflict_until_an_admin_picks_a_side()
    {
        var editor = factory.Services.GetRequiredService<TranslationEditor>();
        var german = await editor.LoadAsync(AdminTestContent.Slug, "de");
        await editor.SaveAsync(AdminTestContent.Slug, "de", german!.Text with { Body = "Im Portal geändert." },
            german.Version, PublishChange.Publish, "anna@example.org");
        content.Write("de", File.ReadAllText(content.PathOf("de")).Replace("unterwegs", "in der Datei geändert").TrimEnd('\n'));

        var importer = factory.Services.GetRequiredService<ContentImporter>();
        Assert.Equal(["de/test-encryption-basics.md"], (await importer.ImportAsync()).Conflicts);
        Assert.Equal("Im Portal geändert.", (await editor.LoadAsync(AdminTestContent.Slug, "de"))!.Text.Body);

        var conflict = Assert.Single(await importer.FindConflictsAsync());
        Assert.Contains("in der Datei geändert", conflict.File.Body);
        Assert.Equal("Im Portal geändert.", conflict.Portal.Body);

        Assert.True(await importer.TakeFileAsync(conflict.Path, conflict.FileHash, "ben@example.org"));
        Assert.Contains("in der Datei geändert", (await editor.LoadAsync(AdminTestContent.Slug, "de"))!.Text.Body);
        Assert.Empty(await importer.FindConflictsAsync());
    }

    [Fact]
    public async Task Keeping_the_portal_version_overwrites_the_conflicting_file()
    {
        var editor = factory.Services.GetRequiredService<TranslationEditor>();
        var german = await editor.LoadAsync(AdminTestContent.Slug, "de");
        await editor.SaveAsync(AdminTestContent.Slug, "de", german!.Text with { Body = "Im Portal geändert." },
            german.Version, PublishChange.Publish, "anna@example.org");
        content.Write("de", File.ReadAllText(content.PathOf("de")).Replace("unterwegs", "in der Datei").TrimEnd('\n'));

        var exporter = factory.Services.GetRequiredService<ContentExporter>();
        Assert.Equal(["de/test-encryption-basics.md"], (await exporter.ExportAllAsync("anna@example.org")).SkippedConflicts);
        Assert.Contains("in der Datei", File.ReadAllText(content.PathOf("de")));

        Assert.True(await exporter.KeepPortalVersionAsync("de/test-encryption-basics.md", "anna@example.org"));
        Assert.Contains("Im Portal geändert.", File.ReadAllText(content.PathOf("de")));
        Assert.Empty(await factory.Services.GetRequiredService<ContentImporter>().FindConflictsAsync());
    }

    [Fact]
    public async Task Without_sync_records_the_last_imported_revision_tells_a_changed_file_from_a_conflict()
    {
        // A database from before export existed: only the imported revisions say what content/ last held.
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            db.ContentSync.RemoveRange(db.ContentSync);
            await db.SaveChangesAsync();
        }
        var editor = factory.Services.GetRequiredService<TranslationEditor>();
        var german = await editor.LoadAsync(AdminTestContent.Slug, "de");
        await editor.SaveAsync(AdminTestContent.Slug, "de", german!.Text with { Body = "Im Portal geändert." },
            german.Version, PublishChange.Publish, "anna@example.org");
        content.Write("de", File.ReadAllText(content.PathOf("de")).Replace("unterwegs", "in der Datei geändert").TrimEnd('\n'));
        content.Write("en", File.ReadAllText(content.PathOf("en")).Replace("on its way", "in transit").TrimEnd('\n'));

        var importer = factory.Services.GetRequiredService<ContentImporter>();
        var import = await importer.ImportAsync();
        Assert.Equal(["de/test-encryption-basics.md"], import.Conflicts);
        Assert.Equal(1, import.Updated);
        Assert.Contains("in transit", (await editor.LoadAsync(AdminTestContent.Slug, "en"))!.Text.Body);
        Assert.Equal("de/test-encryption-basics.md", Assert.Single(await importer.FindConflictsAsync()).Path);

        var export = await factory.Services.GetRequiredService<ContentExporter>().ExportAllAsync("anna@example.org");
        Assert.Equal(["de/test-encryption-basics.md"], export.SkippedConflicts);
        Assert.Equal(["en/test-encryption-basics.md"], export.Written); // the imported revision, now numbered 2
    }

    public void Dispose()
    {
        factory.Dispose();
        content.Dispose();
    }
}
