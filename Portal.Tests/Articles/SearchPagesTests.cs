using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Articles;
using Portal.Tests.Admin;
using Portal.Tests.Support;

namespace Portal.Tests.Articles;

/// <summary>Search through the real HTTP pipeline over the repository's content/, each test class with its own SQLite file.</summary>
public sealed class SearchPagesTests : IDisposable
{
    private const string Relays = "private-relays-and-masked-addresses";
    private readonly PortalFactory site = new();

    public void Dispose() => site.Dispose();

    private HttpClient Client() => AdminTestSupport.Anonymous(site);

    [Fact]
    public async Task Results_show_the_category_highlighted_text_and_a_category_filter()
    {
        var html = await Client().GetStringAsync("/en/search?q=relay");

        Assert.Contains($"slug={Relays}\"", html);
        Assert.Contains("<span class=\"search-category\">Private relays</span>", html);
        Assert.Matches("<mark>[Rr]elay</mark>", html);
        Assert.Contains("<option value=\"relays\">Private relays</option>", html);

        var filtered = await Client().GetStringAsync("/en/search?q=encryption&category=relays");
        Assert.Contains($"slug={Relays}\"", filtered);
        Assert.DoesNotContain("slug=email-encryption-types\"", filtered);
        Assert.Contains("<option value=\"relays\" selected>", filtered);
    }

    [Fact]
    public async Task Article_text_in_a_snippet_is_escaped_and_only_the_highlighter_adds_marks()
    {
        // The analyzer article quotes header names in angle brackets (<…>); none of it may become markup.
        var html = await Client().GetStringAsync("/en/search?q=" + Uri.EscapeDataString("Reply-To"));
        var snippets = System.Text.RegularExpressions.Regex.Matches(html, "<p class=\"snippet\">(.*?)</p>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.NotEmpty(snippets);
        foreach (System.Text.RegularExpressions.Match snippet in snippets)
            Assert.Matches("^([^<]|<mark>|</mark>)*$", snippet.Groups[1].Value);
    }

    [Fact]
    public async Task A_query_that_finds_nothing_offers_the_close_spelling_as_a_link()
    {
        var html = await Client().GetStringAsync("/en/search?q=tsl");

        Assert.Contains("Did you mean:", html);
        Assert.Contains("<a href=\"/en/search?q=tls\">tls</a>", html);
    }

    [Fact]
    public async Task An_unpublished_article_disappears_from_search_at_once_and_returns_when_republished()
    {
        Assert.Contains($"slug={Relays}\"", await Client().GetStringAsync("/en/search?q=relay"));

        var editor = site.Services.GetRequiredService<TranslationEditor>();
        var english = await editor.LoadAsync(Relays, Languages.English);
        var unpublished = await editor.SaveAsync(Relays, Languages.English, english!.Text, english.Version, PublishChange.Unpublish, "editor@example.org");

        Assert.DoesNotContain($"slug={Relays}\"", await Client().GetStringAsync("/en/search?q=relay"));
        Assert.DoesNotContain(await SuggestAsync("private rel", "en"), s => s.GetProperty("url").GetString()!.EndsWith(Relays));

        await editor.SaveAsync(Relays, Languages.English, unpublished.Current!.Text, unpublished.Current.Version, PublishChange.Publish, "editor@example.org");
        Assert.Contains($"slug={Relays}\"", await Client().GetStringAsync("/en/search?q=relay"));
    }

    [Fact]
    public async Task A_published_edit_is_found_at_once_and_restoring_the_old_revision_takes_it_back()
    {
        var editor = site.Services.GetRequiredService<TranslationEditor>();
        var german = await editor.LoadAsync(Relays, "de");
        var edited = german!.Text with { Title = german.Text.Title + " (Quokka-Ausgabe)" };
        var published = await editor.SaveAsync(Relays, "de", edited, german.Version, PublishChange.Publish, "editor@example.org");
        Assert.Equal(SaveOutcome.Saved, published.Outcome);

        Assert.Contains($"slug={Relays}\"", await Client().GetStringAsync("/de/search?q=Quokka"));

        await site.Services.GetRequiredService<RevisionHistory>().RestoreAsync(Relays, "de", german.Revision, "editor@example.org");
        var after = await Client().GetStringAsync("/de/search?q=Quokka");
        Assert.DoesNotContain($"slug={Relays}\"", after);
    }

    [Fact]
    public async Task Suggestions_are_title_url_and_category_in_the_readers_language()
    {
        var english = await SuggestAsync("private rel", "en");
        var first = english.First();
        Assert.Equal("Private email relays and masked addresses", first.GetProperty("title").GetString());
        Assert.Equal($"/en/articles/{Relays}", first.GetProperty("url").GetString());
        Assert.Equal("Private relays", first.GetProperty("category").GetString());
        Assert.Equal(["category", "title", "url"], first.EnumerateObject().Select(p => p.Name).Order());

        var japanese = await SuggestAsync("メー", "ja");
        Assert.NotEmpty(japanese);
        Assert.All(japanese, s => Assert.StartsWith("/ja/articles/", s.GetProperty("url").GetString()));

        Assert.Empty(await SuggestAsync("", "en"));
    }

    [Fact]
    public async Task Searches_and_opened_results_are_counted_per_query_language_and_day_without_identifying_anyone()
    {
        var client = Client();
        await client.GetStringAsync("/en/search?q=Relay");
        await client.GetStringAsync("/en/search?q=%20relay%20");
        await client.GetStringAsync("/en/search?q=xqzvbnw");
        var open = await client.GetAsync(SearchAnalytics.OpenPath("en", "relay", Relays));
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal($"/en/articles/{Relays}", open.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(SearchAnalytics.OpenPath("en", "relay", "https://evil.example"))).StatusCode);

        var report = await site.Services.GetRequiredService<SearchAnalytics>().ReportAsync(30, "en");

        var relay = Assert.Single(report.TopQueries, q => q.Query == "relay");
        Assert.Equal(2, relay.Searches);
        Assert.Equal(1, relay.Clicks);
        Assert.True(relay.ResultCount > 0);
        Assert.Equal("xqzvbnw", Assert.Single(report.QueriesWithoutResults).Query);
        Assert.Equal(3, report.Searches);
        Assert.Equal(1, report.SearchesWithoutResults);

        // The stored row is the whole record of a search: query, language, counts and day.
        await using var db = await site.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Portal.Data.PortalDbContext>>().CreateDbContextAsync();
        var columns = db.Model.FindEntityType(typeof(Portal.Data.SearchQueryDay))!.GetProperties().Select(p => p.Name).Order();
        Assert.Equal(["Clicks", "Day", "Id", "Language", "Query", "ResultCount", "Searches"], columns);
    }

    [Fact]
    public async Task Editors_see_the_frequent_queries_and_those_that_found_nothing()
    {
        await Client().GetStringAsync("/de/search?q=Verschlüsselung");
        await Client().GetStringAsync("/de/search?q=Quantenkryptografie");
        var editor = await AdminTestSupport.SignedInAsync(site, Portal.Data.AdminRole.Editor);

        var html = await editor.GetStringAsync("/admin/search-analytics?lang=de");

        Assert.Contains("<td lang=\"de\">verschlüsselung</td>", html);
        Assert.Contains("<td lang=\"de\">quantenkryptografie</td>", html);
        Assert.Contains("data-testid=\"no-result-queries\"", html);
        Assert.Equal(HttpStatusCode.Redirect, (await Client().GetAsync("/admin/search-analytics")).StatusCode);
    }

    private async Task<JsonElement[]> SuggestAsync(string query, string language) =>
        (await Client().GetFromJsonAsync<JsonElement[]>($"/api/search/suggest?q={Uri.EscapeDataString(query)}&lang={language}"))!;
}
