using System.Text.RegularExpressions;
using Portal.Tests.Admin;
using Portal.Tests.Support;

namespace Portal.Tests.Articles;

/// <summary>The public article page, not only the renderer, carries no script link of any kind, with or without the CSP.</summary>
public sealed class ArticleLinkSafetyTests : IDisposable
{
    private readonly AdminTestContent content = new();
    private readonly PortalFactory factory;

    public ArticleLinkSafetyTests()
    {
        content.Write("en", $"""
            ---
            title: Encryption basics
            summary: A short overview.
            slug: {AdminTestContent.Slug}
            category: encryption
            order: 1
            updated: 2026-11-21
            tags: [encryption]
            revision: 1
            ---

            ## Links

            An autolink <javascript:alert(1)>, an inline [link](javascript:alert(2)), a [reference][r] and <https://example.org/ok>.

            [r]: javascript:alert(3)
            """);
        factory = new PortalFactory { ContentDirectory = content.Directory };
    }

    [Fact]
    public async Task An_article_with_script_links_serves_none_of_them_as_links()
    {
        var html = await factory.CreateClient().GetStringAsync($"/en/articles/{AdminTestContent.Slug}");
        Assert.Contains("href=\"https://example.org/ok\"", html);
        Assert.Contains("javascript:alert(1)", html); // shown as text
        Assert.DoesNotMatch(new Regex("(href|src)\\s*=\\s*\"\\s*javascript:", RegexOptions.IgnoreCase), html);
    }

    public void Dispose()
    {
        factory.Dispose();
        content.Dispose();
    }
}
