using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Articles;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>Draft, publish, unpublish: what the public site shows at each step, against the factory's real SQLite file.</summary>
public sealed class DraftPublishTests : IDisposable
{
    private const string Editor = "editor@example.org";
    private readonly AdminTestContent content = new();
    private readonly PortalFactory factory;

    public DraftPublishTests() => factory = new PortalFactory { ContentDirectory = content.Directory };

    private TranslationEditor TranslationEditor => factory.Services.GetRequiredService<TranslationEditor>();

    private Task<string> PublicGermanPageAsync() => factory.CreateClient().GetStringAsync($"/de/articles/{AdminTestContent.Slug}");

    private async Task<TranslationState> MatrixStateAsync(string language) =>
        (await factory.Services.GetRequiredService<TranslationMatrix>().BuildAsync()).Single().States[language];

    [Fact]
    public async Task Saving_a_published_translation_keeps_the_public_text_until_the_draft_is_published()
    {
        var german = await TranslationEditor.LoadAsync(AdminTestContent.Slug, "de");
        var draft = german!.Text with { Body = german.Text.Body.Replace("unterwegs", "auf dem ganzen Weg") };

        var saved = await TranslationEditor.SaveAsync(AdminTestContent.Slug, "de", draft, german.Version, PublishChange.Keep, Editor);
        Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        Assert.True(saved.Current!.HasPendingDraft);
        Assert.Equal(2, saved.Current.Revision);
        Assert.Equal(1, saved.Current.PublishedRevision);
        Assert.Contains("auf dem ganzen Weg", saved.Current.Text.Body); // the editor reopens on the draft
        var page = await PublicGermanPageAsync();
        Assert.Contains("unterwegs", page);
        Assert.DoesNotContain("auf dem ganzen Weg", page);
        Assert.Equal(TranslationState.Draft, await MatrixStateAsync("de"));

        // A second draft builds on the first, still out of sight.
        var second = saved.Current.Text with { Title = "Verschlüsselung: Grundlagen" };
        saved = await TranslationEditor.SaveAsync(AdminTestContent.Slug, "de", second, saved.Current.Version, PublishChange.Keep, Editor);
        Assert.Equal(3, saved.Current!.Revision);
        Assert.DoesNotContain("Verschlüsselung: Grundlagen", await PublicGermanPageAsync());

        var published = await TranslationEditor.SaveAsync(AdminTestContent.Slug, "de", saved.Current.Text, saved.Current.Version, PublishChange.Publish, Editor);
        Assert.False(published.Current!.HasPendingDraft);
        Assert.Equal(3, published.Current.PublishedRevision);
        page = await PublicGermanPageAsync();
        Assert.Contains("Verschlüsselung: Grundlagen", page);
        Assert.Contains("auf dem ganzen Weg", page);
        Assert.Equal(TranslationState.UpToDate, await MatrixStateAsync("de"));

        var revisions = await factory.Services.GetRequiredService<RevisionHistory>().ListAsync(AdminTestContent.Slug, "de");
        Assert.Equal([3, 2, 1], revisions.Select(r => r.Number));
        Assert.Equal([TranslationStatus.Published, TranslationStatus.Draft, TranslationStatus.Published], revisions.Select(r => r.Status));
        var audit = await factory.Services.GetRequiredService<AuditLog>().NewestAsync();
        Assert.Contains(audit, e => e.Action == AuditActions.Saved && e.Detail == AuditDetails.Revision(2, draft: true));
        Assert.Contains(audit, e => e.Action == AuditActions.Published && e.Target == $"{AdminTestContent.Slug}/de" && e.Detail == AuditDetails.Revision(3, draft: false));
    }

    [Fact]
    public async Task A_stale_editor_saving_a_draft_gets_the_conflict_view_with_the_other_draft()
    {
        var first = await TranslationEditor.LoadAsync(AdminTestContent.Slug, "de");
        var second = await TranslationEditor.LoadAsync(AdminTestContent.Slug, "de");
        var theirs = first!.Text with { Body = first.Text.Body + "\n\nErgänzung von Anna." };
        Assert.Equal(SaveOutcome.Saved, (await TranslationEditor.SaveAsync(AdminTestContent.Slug, "de", theirs, first.Version, PublishChange.Keep, "anna@example.org")).Outcome);

        var refused = await TranslationEditor.SaveAsync(AdminTestContent.Slug, "de", second!.Text with { Title = "Anders" }, second.Version, PublishChange.Publish, "ben@example.org");
        Assert.Equal(SaveOutcome.Conflict, refused.Outcome);
        Assert.Contains("Ergänzung von Anna.", refused.Current!.Text.Body); // the draft, not the public text
        Assert.DoesNotContain("Ergänzung von Anna.", await PublicGermanPageAsync());
        Assert.DoesNotContain("Anders", await PublicGermanPageAsync());
    }

    [Fact]
    public async Task Unpublishing_a_translation_shows_English_with_the_notice_and_unpublishing_English_removes_the_article()
    {
        var german = await TranslationEditor.LoadAsync(AdminTestContent.Slug, "de");
        var result = await TranslationEditor.SaveAsync(AdminTestContent.Slug, "de", german!.Text, german.Version, PublishChange.Unpublish, Editor);
        Assert.Equal(TranslationStatus.Draft, result.Current!.Status);

        var page = await PublicGermanPageAsync();
        Assert.Contains("Encryption protects a message on its way.", page);
        Assert.Contains("notice--fallback", page);
        Assert.Equal(TranslationState.Draft, await MatrixStateAsync("de"));

        var english = await TranslationEditor.LoadAsync(AdminTestContent.Slug, Languages.English);
        await TranslationEditor.SaveAsync(AdminTestContent.Slug, Languages.English, english!.Text, english.Version, PublishChange.Unpublish, Editor);
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/en/articles/{AdminTestContent.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/de/articles/{AdminTestContent.Slug}")).StatusCode);
        Assert.Contains(await factory.Services.GetRequiredService<AuditLog>().NewestAsync(), e => e.Action == AuditActions.Unpublished);
    }

    [Fact]
    public async Task A_pending_draft_counts_as_a_portal_edit_when_the_content_file_changes_too()
    {
        var german = await TranslationEditor.LoadAsync(AdminTestContent.Slug, "de");
        await TranslationEditor.SaveAsync(AdminTestContent.Slug, "de", german!.Text with { Body = "Entwurf im Portal." }, german.Version, PublishChange.Keep, Editor);
        content.Write("de", File.ReadAllText(content.PathOf("de")).Replace("unterwegs", "auf dem Transportweg"));

        var import = await factory.Services.GetRequiredService<ContentImporter>().ImportAsync();
        Assert.Contains("de/" + AdminTestContent.Slug + ".md", import.Conflicts);
        Assert.Equal("Entwurf im Portal.", (await TranslationEditor.LoadAsync(AdminTestContent.Slug, "de"))!.Text.Body);
    }

    public void Dispose()
    {
        factory.Dispose();
        content.Dispose();
    }
}
