using System.Xml.Linq;
using Portal.Localization;

namespace Portal.Articles;

/// <summary>The help center's non-page endpoints: the language-picking root and the sitemap.</summary>
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
    }

    private static XElement Url(string location, DateOnly? updated, IEnumerable<(string Tag, string Href)> alternates) =>
        new(SitemapNs + "url",
            new XElement(SitemapNs + "loc", location),
            updated is { } date && date != DateOnly.MinValue ? new XElement(SitemapNs + "lastmod", date.ToString("yyyy-MM-dd")) : null,
            alternates.Select(a => new XElement(XhtmlNs + "link",
                new XAttribute("rel", "alternate"), new XAttribute("hreflang", a.Tag), new XAttribute("href", a.Href))));
}
