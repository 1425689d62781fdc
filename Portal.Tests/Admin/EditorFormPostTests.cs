using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Components.Pages.Admin;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>The editor without a circuit: its static form posted as a browser without JavaScript posts it, on a real SQLite file.</summary>
public sealed class EditorFormPostTests : IDisposable
{
    private readonly AdminTestContent content = new();
    private readonly PortalFactory factory;

    public EditorFormPostTests() => factory = new PortalFactory { ContentDirectory = content.Directory };

    private async Task<HttpClient> EditorAsync() => await AdminTestSupport.SignedInAsync(factory, AdminRole.Editor);

    [Fact]
    public async Task Without_a_circuit_the_editor_publishes_through_its_form_and_returns_to_the_editor()
    {
        var client = await EditorAsync();
        var form = await EditorForm.OpenAsync(client, AdminTestContent.Slug, "de");
        Assert.Equal("Grundlagen der Verschlüsselung", form[EditorFormPost.Field.Title]);
        Assert.Contains("Warum verschlüsseln", form[EditorFormPost.Field.Body]);
        Assert.True(Guid.TryParse(form[EditorFormPost.Field.Version], out _));

        form[EditorFormPost.Field.Body] += "\n\nOhne Skript gespeichert.";
        form[EditorFormPost.Field.Publish] = nameof(PublishChange.Publish);
        var saved = await EditorForm.PostAsync(client, AdminTestContent.Slug, "de", form);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(EditorFormPost.EditorPathFor(AdminTestContent.Slug, "de"), saved.Headers.Location!.OriginalString);
        Assert.Contains("Ohne Skript gespeichert.", await factory.CreateClient().GetStringAsync($"/de/articles/{AdminTestContent.Slug}"));
        var current = await factory.Services.GetRequiredService<TranslationEditor>().LoadAsync(AdminTestContent.Slug, "de");
        Assert.Equal(2, current!.Revision);
        Assert.Equal("Grundlagen der Verschlüsselung", current.Text.Title);
    }

    [Fact]
    public async Task A_form_save_from_an_outdated_version_is_answered_409_with_both_texts_and_the_merge_saves()
    {
        var (anna, ben) = (await EditorAsync(), await EditorAsync());
        var annasForm = await EditorForm.OpenAsync(anna, AdminTestContent.Slug, "de");
        var bensForm = await EditorForm.OpenAsync(ben, AdminTestContent.Slug, "de");
        annasForm[EditorFormPost.Field.Body] += "\n\nErgänzung von Anna.";
        Assert.Equal(HttpStatusCode.Redirect, (await EditorForm.PostAsync(anna, AdminTestContent.Slug, "de", annasForm)).StatusCode);

        bensForm[EditorFormPost.Field.Title] = "Verschlüsselung: Grundlagen";
        var refused = await EditorForm.PostAsync(ben, AdminTestContent.Slug, "de", bensForm);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"conflict\"", page);
        Assert.Contains("Ergänzung von Anna.", page);
        Assert.Equal("Grundlagen der Verschlüsselung", (await factory.Services.GetRequiredService<TranslationEditor>().LoadAsync(AdminTestContent.Slug, "de"))!.Text.Title);

        // Ben merges on the conflict page: his title, Anna's body, saved against the version Anna's save made.
        var merge = EditorForm.OfConflictPage(page);
        Assert.Equal("Verschlüsselung: Grundlagen", merge[EditorFormPost.Field.Title]);
        merge[EditorFormPost.Field.Body] = annasForm[EditorFormPost.Field.Body];
        Assert.Equal(HttpStatusCode.Redirect, (await EditorForm.PostAsync(ben, AdminTestContent.Slug, "de", merge)).StatusCode);

        var final = await factory.Services.GetRequiredService<TranslationEditor>().LoadAsync(AdminTestContent.Slug, "de");
        Assert.Equal("Verschlüsselung: Grundlagen", final!.Text.Title);
        Assert.Contains("Ergänzung von Anna.", final.Text.Body);
        Assert.Equal(3, final.Revision);
    }

    [Fact]
    public async Task A_form_save_without_a_title_says_why_in_the_admins_language_and_keeps_the_text_to_send_again()
    {
        var client = await EditorAsync();
        var form = await EditorForm.OpenAsync(client, AdminTestContent.Slug, "de");
        form[EditorFormPost.Field.Title] = "  ";
        form[EditorFormPost.Field.Body] += "\n\nNeuer Absatz, der nicht verloren gehen darf.";

        var refused = await EditorForm.PostAsync(client, AdminTestContent.Slug, "de", form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"not-saved\"", page);
        Assert.Contains("The translation needs a title.", page);
        Assert.Equal(1, (await factory.Services.GetRequiredService<TranslationEditor>().LoadAsync(AdminTestContent.Slug, "de"))!.Revision);

        var again = EditorForm.OfConflictPage(page);
        Assert.Equal(form[EditorFormPost.Field.Body].ReplaceLineEndings("\n"), again[EditorFormPost.Field.Body].ReplaceLineEndings("\n"));
        again[EditorFormPost.Field.Title] = "Grundlagen der Verschlüsselung";
        Assert.Equal(HttpStatusCode.Redirect, (await EditorForm.PostAsync(client, AdminTestContent.Slug, "de", again)).StatusCode);
        var saved = await factory.Services.GetRequiredService<TranslationEditor>().LoadAsync(AdminTestContent.Slug, "de");
        Assert.Equal(2, saved!.Revision);
        Assert.Contains("Neuer Absatz, der nicht verloren gehen darf.", saved.Text.Body);
    }

    [Fact]
    public async Task A_form_save_without_the_pages_token_or_without_a_session_changes_nothing()
    {
        var client = await EditorAsync();
        var form = await EditorForm.OpenAsync(client, AdminTestContent.Slug, "de");
        form[EditorFormPost.Field.Body] = "Gefälscht.";

        var withoutToken = new Dictionary<string, string>(form);
        withoutToken.Remove("__RequestVerificationToken");
        Assert.Equal(HttpStatusCode.BadRequest, (await EditorForm.PostAsync(client, AdminTestContent.Slug, "de", withoutToken)).StatusCode);
        var anonymous = await EditorForm.PostAsync(AdminTestSupport.Anonymous(factory), AdminTestContent.Slug, "de", form);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith(AdminRoles.SignInPath, anonymous.Headers.Location!.AbsolutePath);

        var current = await factory.Services.GetRequiredService<TranslationEditor>().LoadAsync(AdminTestContent.Slug, "de");
        Assert.Equal(1, current!.Revision);
        Assert.DoesNotContain("Gefälscht.", current.Text.Body);
    }

    public void Dispose()
    {
        factory.Dispose();
        content.Dispose();
    }
}
