using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Articles;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>Two editors on the same translation, against the factory's real SQLite file.</summary>
public sealed class TranslationConcurrencyTests : IDisposable
{
    private readonly AdminTestContent content = new();
    private readonly PortalFactory factory;

    public TranslationConcurrencyTests() => factory = new PortalFactory { ContentDirectory = content.Directory };

    [Fact]
    public async Task The_second_save_from_a_stale_version_is_refused_with_both_versions_and_the_merge_saves()
    {
        var editor = factory.Services.GetRequiredService<TranslationEditor>();
        var first = await editor.LoadAsync(AdminTestContent.Slug, "de");
        var second = await editor.LoadAsync(AdminTestContent.Slug, "de");
        Assert.Equal(first!.Version, second!.Version);

        var theirs = first.Text with { Body = first.Text.Body + "\n\nErgänzung von Anna." };
        var saved = await editor.SaveAsync(AdminTestContent.Slug, "de", theirs, first.Version, PublishChange.Keep, "anna@example.org");
        Assert.Equal(SaveOutcome.Saved, saved.Outcome);

        var mine = second.Text with { Title = "Verschlüsselung: Grundlagen" };
        var refused = await editor.SaveAsync(AdminTestContent.Slug, "de", mine, second.Version, PublishChange.Keep, "ben@example.org");
        Assert.Equal(SaveOutcome.Conflict, refused.Outcome);
        Assert.Contains("Ergänzung von Anna.", refused.Current!.Text.Body);
        Assert.Equal(saved.Current!.Version, refused.Current.Version);

        var merged = mine with { Body = refused.Current.Text.Body };
        var result = await editor.SaveAsync(AdminTestContent.Slug, "de", merged, refused.Current.Version, PublishChange.Keep, "ben@example.org");
        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        var final = await editor.LoadAsync(AdminTestContent.Slug, "de");
        Assert.Equal("Verschlüsselung: Grundlagen", final!.Text.Title);
        Assert.Contains("Ergänzung von Anna.", final.Text.Body);
        Assert.Equal(3, final.Revision);
    }

    [Fact]
    public async Task Publishing_a_new_translation_shows_it_on_the_public_site_at_once()
    {
        var editor = factory.Services.GetRequiredService<TranslationEditor>();
        var french = await editor.LoadAsync(AdminTestContent.Slug, "fr");
        Assert.False(french!.Exists);
        var text = french.Text with { Title = "Les bases du chiffrement", Body = "Le chiffrement protège un message." };
        Assert.Equal(SaveOutcome.Saved, (await editor.SaveAsync(AdminTestContent.Slug, "fr", text, null, PublishChange.Publish, "claire@example.org")).Outcome);

        var page = await factory.CreateClient().GetStringAsync($"/fr/articles/{AdminTestContent.Slug}");
        Assert.Contains("Les bases du chiffrement", page);
        var matrix = await factory.Services.GetRequiredService<TranslationMatrix>().BuildAsync();
        Assert.Equal(TranslationState.UpToDate, matrix.Single().States["fr"]);
        Assert.Equal(TranslationState.Missing, matrix.Single().States["ja"]);
    }

    [Fact]
    public async Task A_newly_published_English_revision_makes_the_German_translation_stale()
    {
        var editor = factory.Services.GetRequiredService<TranslationEditor>();
        var english = await editor.LoadAsync(AdminTestContent.Slug, Languages.English);
        await editor.SaveAsync(AdminTestContent.Slug, Languages.English, english!.Text with { Body = english.Text.Body + "\n\nMore." },
            english.Version, PublishChange.Publish, "editor@example.org");
        var matrix = await factory.Services.GetRequiredService<TranslationMatrix>().BuildAsync(TranslationState.Stale);
        Assert.Equal(TranslationState.Stale, Assert.Single(matrix).States["de"]);
    }

    public void Dispose()
    {
        factory.Dispose();
        content.Dispose();
    }
}
