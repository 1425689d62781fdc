using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Articles;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Articles;

/// <summary>content/ brought into a real SQLite file, including the bad cases an author can create.</summary>
public sealed class ContentImportTests : IDisposable
{
    private readonly string content = Directory.CreateTempSubdirectory("portal-content-").FullName;

    public void Dispose() => Directory.Delete(content, recursive: true);

    private void Write(string relativePath, string text)
    {
        var path = Path.Combine(content, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string Article(string slug, string title, string body, string extra = "revision: 1") =>
        $"---\ntitle: {title}\nsummary: About {title}.\nslug: {slug}\ncategory: encryption\norder: 1\nupdated: 2026-11-21\ntags: [test]\n{extra}\n---\n\n{body}\n";

    [Fact]
    public async Task Bad_files_are_reported_with_their_path_and_the_site_still_serves_the_good_ones()
    {
        Write("en/good.md", Article("good", "Good article", "## 加密\n\n帮助台无法解密这封邮件。"));
        Write("en/broken.md", "title: no front matter markers\n");
        Write("en/zz-copy.md", Article("good", "Same slug again", "dup"));
        Write("de/orphan.md", Article("orphan", "Waise", "Text", "source_revision: 1"));
        Write("xx/unknown.md", Article("good", "Unknown language", "?"));
        Write("zh/good.md", Article("good", "好文章", "## 加密\n\n帮助台无法解密这封邮件。", "source_revision: 1"));

        using var site = new PortalFactory { ContentDirectory = content };
        var client = site.CreateClient();
        var result = await site.Services.GetRequiredService<ContentImporter>().ImportAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/en/articles/good")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/de/articles/orphan")).StatusCode);
        Assert.Contains(result.Problems, p => p.Path == "en/broken.md" && p.Message.Contains("---"));
        Assert.Contains(result.Problems, p => p.Path == "en/zz-copy.md" && p.Message.Contains("already used by en/good.md"));
        Assert.Contains(result.Problems, p => p.Path == "de/orphan.md" && p.Message.Contains("no English original"));
        Assert.Contains(result.Problems, p => p.Path.EndsWith("xx") && p.Message.Contains("not one of the portal's languages"));

        // Chinese has no spaces between words: a word inside a sentence is still found.
        var search = await client.GetStringAsync("/zh/search?q=" + Uri.EscapeDataString("解密"));
        Assert.Contains("slug=good\"", search);
        Assert.Contains("<mark>解密</mark>", search);
    }

    [Fact]
    public async Task A_missing_content_folder_is_logged_and_the_site_starts_empty()
    {
        using var site = new PortalFactory { ContentDirectory = Path.Combine(content, "does-not-exist") };

        var response = await site.CreateClient().GetAsync("/en/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_changed_file_becomes_a_new_revision_and_never_overwrites_a_newer_portal_edit()
    {
        Write("en/topic.md", Article("topic", "Topic", "First text."));
        using var site = new PortalFactory { ContentDirectory = content };
        _ = site.Server;
        var importer = site.Services.GetRequiredService<ContentImporter>();
        var dbFactory = site.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

        Write("en/topic.md", Article("topic", "Topic", "Second text."));
        var second = await importer.ImportAsync();
        Assert.Equal(1, second.Updated);

        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var translation = await db.Translations.Include(t => t.Revisions).SingleAsync();
            Assert.Equal(2, translation.Revision);
            Assert.Equal(["First text.", "Second text."], translation.Revisions.OrderBy(r => r.Number).Select(r => r.Body));
            Assert.All(translation.Revisions, r => Assert.Equal("en/topic.md", r.SourceFile));
            Assert.NotEqual(translation.Revisions[0].SourceFileHash, translation.Revisions[1].SourceFileHash);

            // An editor changes the article in the portal.
            translation.Body = "Edited in the portal.";
            translation.Revision = 3;
            db.Revisions.Add(new ArticleRevision { TranslationId = translation.Id, Number = 3, Title = "Topic", Body = translation.Body, Author = "editor@example.test", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        Write("en/topic.md", Article("topic", "Topic", "Third text from the file."));
        var third = await importer.ImportAsync();

        Assert.Equal(["en/topic.md"], third.Conflicts);
        await using (var db = await dbFactory.CreateDbContextAsync())
            Assert.Equal("Edited in the portal.", (await db.Translations.SingleAsync()).Body);
    }

    [Fact]
    public async Task An_unchanged_file_is_not_imported_twice()
    {
        Write("en/topic.md", Article("topic", "Topic", "Text."));
        using var site = new PortalFactory { ContentDirectory = content };
        _ = site.Server;

        var again = await site.Services.GetRequiredService<ContentImporter>().ImportAsync();

        Assert.Equal((0, 0, 1), (again.Added, again.Updated, again.Unchanged));
    }
}
