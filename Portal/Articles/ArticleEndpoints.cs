using System.Xml.Linq;
using Portal.Localization;

namespace Portal.Articles;

/// <summary>The help center's non-page endpoints: the language-picking root, the sitemap, search suggestions and the search click counter.</summary>
public static class ArticleEndpoints
{
    private static readonly XNamespace SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace XhtmlNs = "http://www.w3.org/1999/xhtml";

    public static void MapArticleEndpoints(this IEndpointRouteBuilder app)
    {
        // "/" sends the reader to their language, which RequestLanguageMiddleware has chosen from the cookie,
        // then Accept-Language, then the default (the path names none).
        app.MapGet("/", (HttpContext context, RequestLanguage language) =>
        {
            context.Response.Headers.Vary = "Accept-Language, Cookie";
            return Results.Redirect($"/{language.Current.Code}/");
        });

        app.MapGet("/sitemap.xml", async (HttpContext context, ArticleLibrary library, Portal.Hosting.PublicUrls publicUrls) =>
        {
            var origin = publicUrls.Origin($"{context.Request.Scheme}://{context.Request.Host}");
            var urls = new List<XElement>();
            foreach (var language in Languages.All)
            {
                urls.Add(Url($"{origin}/{language.Code}/", null, []));
                foreach (var article in await library.ListAsync(language.Code))
                {
                    var alternates = article.AvailableLanguages.Select(code => (Languages.Get(code).Tag, $"{origin}/{code}/articles/{article.Slug}"));
                    urls.Add(Url($"{origin}/{language.Code}/articles/{article.Slug}", article.Updated, alternates));
                }
            }
            var xml = new XDocument(new XElement(SitemapNs + "urlset",
                new XAttribute(XNamespace.Xmlns + "xhtml", XhtmlNs), urls));
            return Results.Text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml.ToString(SaveOptions.DisableFormatting), "application/xml; charset=utf-8");
        });

        // The search box's type-ahead: [{ "title", "url", "category" }] in the reader's language, best first.
        app.MapGet("/api/search/suggest", async (string? q, string? lang, RequestLanguage requestLanguage, ArticleSearch search, TextProvider texts) =>
        {
            var language = Languages.Find(lang) ?? requestLanguage.Current;
            var text = texts.For(language);
            var suggestions = await search.SuggestAsync(q, language.Code, category => text[$"Category.{category}"]);
            return Results.Json(suggestions, SuggestionJson);
        })
        .WithTags("Search")
        .WithSummary("Articles offered while the reader types")
        .WithDescription("Published articles in the language asked for (lang, else the request's language) whose title or text matches q, best first, as [{title, url, category}].");

        // A search result's link: counts the click for the admins' analytics, then opens the article. Only the
        // language's own published articles are destinations, so the link cannot be turned into an open redirect.
        app.MapGet(SearchAnalytics.OpenEndpoint, async (string? lang, string? q, string? slug, ArticleLibrary library, SearchAnalytics analytics) =>
        {
            if (Languages.Find(lang) is not { } language || slug is null || await library.FindAsync(slug, language.Code) is null)
                return Results.NotFound();
            if (!string.IsNullOrWhiteSpace(q))
                await analytics.RecordClickAsync(q, language.Code);
            return Results.Redirect($"/{language.Code}/articles/{Uri.EscapeDataString(slug)}");
        })
        .WithTags("Search")
        .WithSummary("Open a search result")
        .WithDescription("Counts the click for the search analytics (query text, language and day only) and redirects to the published article; 404 for anything else.");
    }

    private static readonly System.Text.Json.JsonSerializerOptions SuggestionJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private static XElement Url(string location, DateOnly? updated, IEnumerable<(string Tag, string Href)> alternates) =>
        new(SitemapNs + "url",
            new XElement(SitemapNs + "loc", location),
            updated is { } date && date != DateOnly.MinValue ? new XElement(SitemapNs + "lastmod", date.ToString("yyyy-MM-dd")) : null,
            alternates.Select(a => new XElement(XhtmlNs + "link",
                new XAttribute("rel", "alternate"), new XAttribute("hreflang", a.Tag), new XAttribute("href", a.Href))));
}
