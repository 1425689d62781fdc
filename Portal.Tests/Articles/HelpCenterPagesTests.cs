using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Articles;
using Portal.Tests.Support;

namespace Portal.Tests.Articles;

/// <summary>The public help center through the real HTTP pipeline, over the repository's content/.</summary>
public class HelpCenterPagesTests(HelpCenterPagesTests.Site site) : IClassFixture<HelpCenterPagesTests.Site>
{
    public sealed class Site : PortalFactory;

    private static readonly string[] Slugs = Directory.GetFiles(Path.Combine(RepositoryPaths.Content, "en"), "*.md")
        .Select(Path.GetFileNameWithoutExtension).OfType<string>().Order().ToArray();

    public static TheoryData<string, string> EveryArticleInEveryLanguage()
    {
        var data = new TheoryData<string, string>();
        foreach (var slug in Slugs)
            foreach (var language in Languages.All)
                data.Add(language.Code, slug);
        return data;
    }

    private HttpClient Client() => site.CreateClient(new() { AllowAutoRedirect = false });

    [Theory]
    [MemberData(nameof(EveryArticleInEveryLanguage))]
    public async Task Every_article_answers_in_every_language_with_lang_alternates_and_notice(string lang, string slug)
    {
        var response = await Client().GetAsync($"/{lang}/articles/{slug}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<html lang=\"{Languages.Get(lang).Tag}\"", html);
        foreach (var language in Languages.All)
            Assert.Matches($"<link rel=\"alternate\" hreflang=\"{language.Tag}\" href=\"http://localhost/{language.Code}/articles/{slug}\"", html);
        Assert.Contains("hreflang=\"x-default\"", html);

        var translated = File.Exists(Path.Combine(RepositoryPaths.Content, lang, slug + ".md"));
        if (lang == "en")
            Assert.DoesNotContain("class=\"notice", html);
        else if (translated)
        {
            Assert.Contains("notice--translation", html);
            Assert.Contains($"href=\"/en/articles/{slug}\"", html);
        }
        else
            Assert.Contains("notice--fallback", html);
    }

    [Theory]
    [InlineData("en", "Page not found")]
    [InlineData("de", "Seite nicht gefunden")]
    [InlineData("ja", "ページが見つかりません")]
    [InlineData("zh", "找不到页面")]
    public async Task An_unknown_article_is_a_localized_404(string lang, string expected)
    {
        var response = await Client().GetAsync($"/{lang}/articles/no-such-article");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/xx/articles/email-encryption-types")]
    [InlineData("/xx/")]
    [InlineData("/no/such/page")]
    public async Task Unknown_locales_and_paths_answer_404_with_a_page(string path)
    {
        var response = await Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Matches("<h1[ >]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_path_under_a_language_is_answered_in_that_language()
    {
        var response = await Client().GetAsync("/fr/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"fr\"", html);
        Assert.Contains("Page introuvable", html);
    }

    [Fact]
    public async Task The_sitemap_lists_every_article_in_every_language_as_absolute_urls()
    {
        var xml = XDocument.Parse(await Client().GetStringAsync("/sitemap.xml"));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locations = xml.Descendants(ns + "loc").Select(e => e.Value).ToHashSet();

        foreach (var slug in Slugs)
            foreach (var language in Languages.All)
                Assert.Contains($"http://localhost/{language.Code}/articles/{slug}", locations);
        Assert.All(locations, l => Assert.StartsWith("http://localhost/", l));
    }

    [Theory]
    [InlineData("ja,en;q=0.5", null, "/ja/")]
    [InlineData("de-DE", "c=es|uic=es", "/es/")]
    [InlineData("ko", null, "/en/")]
    public async Task The_root_sends_readers_to_their_language(string acceptLanguage, string? cookie, string expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        if (cookie is not null)
            request.Headers.Add("Cookie", $".AspNetCore.Culture={Uri.EscapeDataString(cookie)}");

        var response = await Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Visiting_a_language_remembers_it_for_the_root()
    {
        var response = await Client().GetAsync("/de/");

        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture="));
        Assert.Contains("uic%3Dde", setCookie);
    }

    [Fact]
    public async Task The_home_page_lists_the_articles_by_category_in_the_readers_language()
    {
        var html = await Client().GetStringAsync("/de/");

        Assert.Contains("Verschlüsselung", html);
        foreach (var slug in Slugs)
            Assert.Contains($"href=\"/de/articles/{slug}\"", html);
        Assert.Matches(new Regex("<title>[^<]+</title>"), html);
    }

    [Fact]
    public async Task Search_finds_european_words_and_highlights_them()
    {
        var html = await Client().GetStringAsync("/en/search?q=relay");

        Assert.Contains("href=\"/en/articles/private-relays-and-masked-addresses\"", html);
        Assert.Matches(new Regex("<mark>relay</mark>", RegexOptions.IgnoreCase), html);
    }

    [Fact]
    public async Task An_article_is_rendered_once_not_on_every_visit_or_search()
    {
        var library = site.Services.GetRequiredService<ArticleLibrary>();
        var first = await library.FindAsync(Slugs[0], "fr");

        await Client().GetStringAsync("/fr/search?q=e");
        var again = await library.FindAsync(Slugs[0], "fr");

        Assert.Same(first!.Rendered, again!.Rendered);
    }

    [Theory]
    [InlineData("/en/")]
    [InlineData("/en/articles/email-encryption-types")]
    [InlineData("/de/analyze")]
    [InlineData("/no/such/page")]
    public async Task Every_page_forbids_scripts_and_frames_from_other_origins(string path)
    {
        var response = await Client().GetAsync(path);

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("/en/")]
    [InlineData("/ja/articles/email-encryption-types")]
    [InlineData("/fr/categories/relays")]
    [InlineData("/de/search?q=relay")]
    [InlineData("/de/analyze")]
    [InlineData("/no/such/page")]
    public async Task Every_page_answers_HEAD_like_GET_without_a_body(string path)
    {
        var get = await Client().GetAsync(path);
        var head = await Client().SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_category_page_lists_its_articles_and_an_unknown_one_is_a_404()
    {
        var html = await Client().GetStringAsync("/ja/categories/relays");

        Assert.Contains("href=\"/ja/articles/private-relays-and-masked-addresses\"", html);
        Assert.DoesNotContain("href=\"/ja/articles/email-encryption-types\"", html.Split("<main")[1].Split("</main>")[0]);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync("/ja/categories/no-such-topic")).StatusCode);
    }

    [Fact]
    public async Task An_article_page_is_served_from_the_cache_without_anyone_elses_cookies_or_tokens()
    {
        const string path = "/zh/articles/why-emails-cant-be-decrypted-or-traced";
        var first = await Client().GetAsync(path); // a new reader: gets the language cookie
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture="));

        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dzh%7Cuic%3Dzh");
        var second = await Client().SendAsync(request);
        var html = await second.Content.ReadAsStringAsync();

        Assert.True(second.Headers.Age.HasValue, "served from the output cache");
        Assert.False(second.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("RequestVerificationToken", html);
        Assert.DoesNotContain("Antiforgery", string.Join(";", first.Headers.GetValues("Set-Cookie")));
    }

    [Fact]
    public async Task Publishing_a_translation_evicts_the_cached_article_page()
    {
        const string slug = "using-the-email-analyzer";
        await Client().GetStringAsync($"/es/articles/{slug}");
        Assert.True((await Client().GetAsync($"/es/articles/{slug}")).Headers.Age.HasValue);

        var editor = site.Services.GetRequiredService<TranslationEditor>();
        var current = await editor.LoadAsync(slug, "es");
        var text = current!.Text with { Title = "Cómo usar el analizador (revisado)" };
        var result = await editor.SaveAsync(slug, "es", text, current.Version, PublishChange.Publish, "editor@example.org");
        Assert.Equal(SaveOutcome.Saved, result.Outcome);

        var after = await Client().GetAsync($"/es/articles/{slug}");
        Assert.False(after.Headers.Age.HasValue);
        Assert.Contains("Cómo usar el analizador (revisado)", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_feedback_post_from_another_site_is_refused()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/en/articles/email-encryption-types/feedback")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["helpful"] = "yes" }),
        };
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        Assert.Equal(HttpStatusCode.BadRequest, (await Client().SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("/de/articles/email-encryption-types", "/de/articles/email-encryption-types")]
    [InlineData("//evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    public async Task The_theme_choice_is_a_cookie_and_returns_only_to_this_site(string returnUrl, string expected)
    {
        var response = await Client().PostAsync("/theme", new FormUrlEncodedContent(new Dictionary<string, string> { ["mode"] = "dark", ["return"] = returnUrl }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("theme=dark"));
    }
}
