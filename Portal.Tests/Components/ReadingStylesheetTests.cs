using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Articles;
using Portal.Components.Layout;
using Portal.Tests.Support;

namespace Portal.Tests.Components;

/// <summary>
/// Reading pages load only the part of MudBlazor's stylesheet they use (/reading.css): it must style them exactly as
/// the whole stylesheet does, and stay a fraction of its size.
/// </summary>
public sealed partial class ReadingStylesheetTests : IClassFixture<ReadingStylesheetTests.Site>, IClassFixture<Browser>
{
    public sealed class Site : LivePortal;

    private readonly Site site;
    private readonly Browser browser;

    public ReadingStylesheetTests(Site site, Browser browser) => (this.site, this.browser) = (site, browser);

    /// <summary>One page of each kind: home, article with a translation notice, category, search with and without results, 404.</summary>
    public static TheoryData<string> ReadingPaths => new(
        "/en/", "/de/articles/private-relays-and-masked-addresses", "/ja/articles/email-encryption-types",
        "/en/categories/encryption", "/en/search?q=tls", "/fr/search?q=zzzqqq", "/en/articles/no-such-article");

    [Fact]
    public void The_subset_keeps_rules_whose_classes_are_all_kept_and_drops_empty_blocks_and_unused_keyframes()
    {
        const string css = "/*! licence */html{margin:0}.a{color:red}.a .b,.a.c{color:blue}.c{content:\"}{\"}"
            + "@media(min-width:600px){.a:not(.c){animation:spin 1s}.c{color:green}}@supports(display:grid){.c{display:grid}}"
            + "@keyframes spin{0%{transform:none}}@keyframes fade{0%{opacity:0}}.hover\\:a:hover{color:pink}";

        var subset = ReadingStylesheet.Subset(css, name => name is "a" or "b" or "hover:a");

        Assert.Equal("/*! licence */html{margin:0}.a{color:red}.a .b{color:blue}@media(min-width:600px){.a:not(.c){animation:spin 1s}}"
            + ".hover\\:a:hover{color:pink}@keyframes spin{0%{transform:none}}", subset);
    }

    [Fact]
    public async Task Every_MudBlazor_class_on_every_reading_page_keeps_its_rules()
    {
        var client = site.CreateClient();
        var full = await client.GetStringAsync(ReadingStylesheet.MudBlazorStylesheet);
        var defined = ReadingStylesheet.ClassNames(full).ToHashSet();
        var paths = new List<string>();
        foreach (var language in Languages.All)
        {
            paths.Add($"/{language.Code}/");
            paths.Add($"/{language.Code}/search?q=tls");
            foreach (var category in new[] { "encryption", "relays" })
                paths.Add($"/{language.Code}/categories/{category}");
            foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Content, language.Code), "*.md"))
                paths.Add($"/{language.Code}/articles/{Path.GetFileNameWithoutExtension(file)}");
        }
        paths.Add("/en/articles/no-such-article");

        var missing = new SortedSet<string>();
        foreach (var path in paths)
        {
            var html = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.Contains("href=\"/reading.css?v=", html);
            Assert.DoesNotContain(ReadingStylesheet.MudBlazorStylesheet, html);
            foreach (var name in ClassAttribute().Matches(html).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
                if (defined.Contains(name) && !ReadingStylesheet.IsReadingClass(name))
                    missing.Add($"{name} ({path})");
        }
        Assert.True(missing.Count == 0, "MudBlazor classes on reading pages without rules in /reading.css:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task The_reading_stylesheet_is_a_fraction_of_MudBlazors_cached_for_a_year_and_compressed()
    {
        var client = site.CreateClient();
        var page = await client.GetStringAsync("/en/");
        var url = Regex.Match(page, "href=\"(/reading\\.css\\?v=[0-9a-f]+)\"").Groups[1].Value;
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd("br");
        var response = await client.SendAsync(request);
        var full = await client.GetStringAsync(ReadingStylesheet.MudBlazorStylesheet);
        var subset = await client.GetStringAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.StartsWith("/*!", subset); // MudBlazor's licence comment travels with its rules
        Assert.True(subset.Length < full.Length / 6, $"/reading.css is {subset.Length:N0} characters, MudBlazor's whole stylesheet {full.Length:N0}");
        // The interactive pages still get all of MudBlazor.
        Assert.Contains($"href=\"{ReadingStylesheet.MudBlazorStylesheet}\"", await client.GetStringAsync("/en/analyze"));
    }

    [Theory]
    [MemberData(nameof(ReadingPaths))]
    public async Task A_reading_page_looks_the_same_with_the_reading_stylesheet_as_with_all_of_MudBlazors(string path)
    {
        foreach (var width in new[] { 1280, 390 })
        {
            var page = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = 900 } });
            await page.GotoAsync(site.BaseUrl + path);
            await page.AddStyleTagAsync(new() { Content = "*, *::before, *::after { transition: none !important; animation: none !important; }" });
            var withSubset = await ComputedStylesAsync(page);
            await page.EvaluateAsync(@"href => new Promise((loaded, failed) => {
                const subset = document.querySelector('link[href^=""/reading.css""]');
                const full = document.createElement('link');
                full.rel = 'stylesheet'; full.href = href; full.onload = loaded; full.onerror = failed;
                subset.replaceWith(full);
            })", "/" + ReadingStylesheet.MudBlazorStylesheet);
            var withFull = await ComputedStylesAsync(page);

            Assert.Equal(withFull.Length, withSubset.Length);
            var differences = withFull.Zip(withSubset).Where(pair => pair.First != pair.Second).Select(Difference).Take(8).ToList();
            Assert.True(differences.Count == 0, $"{path} at {width} px differs:\n" + string.Join("\n", differences));
            await page.Context.CloseAsync();
        }
    }

    /// <summary>"div.alert: height 40px (whole stylesheet) / 52px (reading stylesheet)".</summary>
    private static string Difference((string Full, string Subset) pair)
    {
        var full = pair.Full.Split("; ");
        var subset = pair.Subset.Split("; ");
        var properties = full.Zip(subset).Where(p => p.First != p.Second).Select(p => $"{p.First} / {p.Second[(p.Second.IndexOf(':') + 2)..]}");
        return pair.Full[..pair.Full.IndexOf(" {", StringComparison.Ordinal)] + ": " + string.Join(", ", properties);
    }

    /// <summary>What the stylesheets decide for each element: box, colours, type, layout.</summary>
    private static Task<string[]> ComputedStylesAsync(IPage page) => page.EvaluateAsync<string[]>(@"() => {
        const properties = ['display', 'position', 'top', 'left', 'width', 'height', 'margin-top', 'margin-right', 'margin-bottom',
            'margin-left', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'color', 'background-color',
            'font-family', 'font-size', 'font-weight', 'line-height', 'letter-spacing', 'text-transform', 'text-decoration-line',
            'border-top-width', 'border-top-style', 'border-top-color', 'border-bottom-width', 'border-radius', 'box-shadow',
            'flex-direction', 'flex-wrap', 'flex-grow', 'justify-content', 'align-items', 'gap', 'list-style-type', 'visibility',
            'opacity', 'transform', 'z-index', 'overflow-x', 'overflow-y', 'white-space', 'cursor', 'fill'];
        return Array.from(document.querySelectorAll('body *')).map(e => {
            const style = getComputedStyle(e);
            const name = e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '');
            return name + ' { ' + properties.map(p => p + ': ' + style.getPropertyValue(p)).join('; ') + ' }';
        });
    }");

    [GeneratedRegex("class=\"([^\"]*)\"")]
    private static partial Regex ClassAttribute();
}
