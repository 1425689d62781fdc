using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Articles;
using Portal.Articles.Search;
using Portal.Tests.Admin;
using Portal.Tests.Support;

namespace Portal.Tests.Articles;

/// <summary>
/// Paging of the search page and the synonyms file being read again while the portal runs, through the real HTTP
/// pipeline over content/, with two results per page and a copy of the shipped synonyms file in a temporary folder.
/// </summary>
public sealed partial class SearchPagingAndSynonymsTests : IDisposable
{
    private readonly string synonymsFile;
    private readonly PortalFactory site;

    public SearchPagingAndSynonymsTests()
    {
        var folder = Directory.CreateTempSubdirectory("portal-synonyms-").FullName;
        synonymsFile = Path.Combine(folder, "synonyms.json");
        File.Copy(Path.Combine(RepositoryPaths.Root, "Portal", "Articles", "Data", "synonyms.json"), synonymsFile);
        site = new PortalFactory();
        site.Settings["Portal:Search:PageSize"] = "2";
        site.Settings["Portal:Search:SynonymsFile"] = synonymsFile;
    }

    public void Dispose()
    {
        site.Dispose();
        Directory.Delete(Path.GetDirectoryName(synonymsFile)!, recursive: true);
    }

    private HttpClient Client() => AdminTestSupport.Anonymous(site);

    [GeneratedRegex("slug=([a-z0-9-]+)\"")]
    private static partial Regex ResultSlug();

    private static string[] Slugs(string html) => ResultSlug().Matches(html).Select(m => m.Groups[1].Value).ToArray();

    [Fact]
    public async Task Results_come_in_pages_with_previous_next_and_numbered_links()
    {
        var total = (await site.Services.GetRequiredService<ArticleSearch>().SearchAsync("mail", "en")).Total;
        Assert.True(total >= 5, $"{total} hits");
        var pages = (total + 1) / 2;

        var first = await Client().GetStringAsync("/en/search?q=mail");
        var second = await Client().GetStringAsync("/en/search?q=mail&page=2");

        Assert.Equal(2, Slugs(first).Length);
        Assert.Equal(2, Slugs(second).Length);
        Assert.Empty(Slugs(first).Intersect(Slugs(second)));
        Assert.Contains($"Page 2 of {pages}", second);
        Assert.Contains("<title>Search: mail (page 2)", second);
        Assert.Contains("<ol class=\"search-results\" start=\"3\">", second);
        Assert.Contains("<nav class=\"search-pages\" aria-label=\"Result pages\">", second);
        Assert.Contains("<a href=\"/en/search?q=mail\" rel=\"prev\">Previous</a>", second);
        Assert.Contains("<a href=\"/en/search?q=mail&amp;page=3\" rel=\"next\">Next</a>", second);
        Assert.Contains("<a href=\"/en/search?q=mail&amp;page=2\" aria-current=\"page\" aria-label=\"Page 2\">2</a>", second);
        Assert.DoesNotContain("rel=\"prev\"", first);
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("-3")]
    [InlineData("two")]
    public async Task A_page_number_out_of_range_or_not_a_number_shows_a_real_page(string page)
    {
        var response = await Client().GetAsync($"/en/search?q=mail&page={page}");

        response.EnsureSuccessStatusCode();
        var html = await response.Content.ReadAsStringAsync();
        Assert.NotEmpty(Slugs(html));
        Assert.Contains("aria-current=\"page\"", html);
    }

    [Fact]
    public async Task Leafing_through_pages_counts_as_one_search()
    {
        await Client().GetStringAsync("/en/search?q=mail");
        await Client().GetStringAsync("/en/search?q=mail&page=2");
        await Client().GetStringAsync("/en/search?q=mail&page=3");

        var report = await site.Services.GetRequiredService<SearchAnalytics>().ReportAsync(30, "en");
        Assert.Equal(1, Assert.Single(report.TopQueries, q => q.Query == "mail").Searches);
    }

    [Fact]
    public async Task A_Japanese_query_with_a_wrong_character_offers_the_corrected_word_as_a_link()
    {
        var html = await Client().GetStringAsync($"/ja/search?q={Uri.EscapeDataString("暗合化")}");

        Assert.Empty(Slugs(html));
        Assert.Contains($"<a href=\"/ja/search?q={Uri.EscapeDataString("暗号化")}\">暗号化</a>", html);
    }

    [Fact]
    public async Task A_synonym_group_added_to_the_file_applies_without_a_restart()
    {
        const string Relays = "private-relays-and-masked-addresses";
        Assert.Empty(Slugs(await Client().GetStringAsync("/en/search?q=courier")));

        var text = await File.ReadAllTextAsync(synonymsFile);
        await File.WriteAllTextAsync(synonymsFile, text.Replace("\"en\": [", "\"en\": [\n    [\"courier\", \"relay\"],"));

        Assert.Contains(Relays, await SlugsWithinAsync("/en/search?q=courier", slugs => slugs.Contains(Relays)));
        // A broken edit is ignored: the groups read last stay in use.
        await File.WriteAllTextAsync(synonymsFile, "{ \"en\": [ [\"courier\", ");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Contains(Relays, Slugs(await Client().GetStringAsync("/en/search?q=courier")));
        // Taking the group out again takes its effect away.
        await File.WriteAllTextAsync(synonymsFile, text);
        Assert.Empty(await SlugsWithinAsync("/en/search?q=courier", slugs => slugs.Length == 0));
    }

    [Fact]
    public void A_language_index_takes_new_synonyms_for_the_articles_it_holds()
    {
        using var index = new LanguageIndex("de", ContentSearchIndex.Synonyms);
        index.Sync(ContentSearchIndex.Documents("de"));
        Assert.Equal(0, index.Search("Geheimschrift").Total);

        index.UseSynonyms(SearchSynonyms.Parse("""{ "de": [["Geheimschrift", "Verschlüsselung"]] }"""));

        Assert.Contains("email-encryption-types", index.Search("Geheimschrift").Hits.Select(h => h.Slug));
        Assert.Equal(ContentSearchIndex.Documents("de").Count, index.Count);
    }

    /// <summary>The file watcher and the new index take a moment: poll for up to ten seconds.</summary>
    private async Task<string[]> SlugsWithinAsync(string url, Func<string[], bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var slugs = Slugs(await Client().GetStringAsync(url));
            if (done(slugs) || DateTime.UtcNow > until)
                return slugs;
            await Task.Delay(100);
        }
    }
}
