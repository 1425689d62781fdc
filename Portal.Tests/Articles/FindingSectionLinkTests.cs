using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Analysis.Report;
using Portal.Articles;
using Portal.Components.Pages.Analyze;
using Portal.Localization;
using Portal.Tests.Analysis;
using Portal.Tests.Support;
using Portal.Upload;

namespace Portal.Tests.Articles;

/// <summary>
/// Every "read more" link of the report lands on a heading that exists, in every language: the
/// repository's content/ is imported as on start, and the published article is rendered by the one pipeline.
/// </summary>
public class FindingSectionLinkTests(FindingSectionLinkTests.Site site) : IClassFixture<FindingSectionLinkTests.Site>
{
    public sealed class Site : PortalFactory;

    public static TheoryData<string> EveryLanguage()
    {
        var data = new TheoryData<string>();
        foreach (var language in Languages.All)
            data.Add(language.Code);
        return data;
    }

    private async Task<ArticleView?> Published(string slug, string language)
    {
        site.CreateClient(); // starts the site, which imports content/
        return await site.Services.GetRequiredService<ArticleLibrary>().FindAsync(slug, language);
    }

    [Theory]
    [MemberData(nameof(EveryLanguage))]
    public async Task Every_finding_links_to_a_published_article_section_that_exists(string language)
    {
        foreach (var code in FindingCodes.All)
            Assert.True(FindingArticles.ByCode.ContainsKey(code.Code), $"{code.Code} has no row in FindingArticles");
        await AssertSectionsExistAsync(language, FindingCodes.All.Select(c => (c.Code, FindingArticles.ByCode[c.Code])));
    }

    /// <summary>The export guides of a forward, the suggested reply's guide and the fallback are links of the report too.</summary>
    [Theory]
    [MemberData(nameof(EveryLanguage))]
    public Task Every_other_section_the_report_links_to_exists(string language) =>
        AssertSectionsExistAsync(language, FindingArticles.OtherSections.Select(l => (l.Slug, l)));

    /// <summary>Each link's article is published in the language and has the heading {#anchor}; lists every one that is not.</summary>
    private async Task AssertSectionsExistAsync(string language, IEnumerable<(string From, ArticleLink Link)> links)
    {
        var broken = new List<string>();
        foreach (var (from, link) in links)
        {
            var article = await Published(link.Slug, language);
            if (article is null)
                broken.Add($"{from} → {link.Slug} is not published");
            else if (!article.Rendered.Html.Contains($"id=\"{link.Anchor}\"", StringComparison.Ordinal))
                broken.Add($"{from} → {article.Language}/{link.Slug}.md has no heading {{#{link.Anchor}}}");
        }
        Assert.True(broken.Count == 0, $"{language}:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void A_finding_link_carries_the_language_and_the_section() =>
        Assert.Equal("/ja/articles/sender-authentication-spf-dkim-dmarc-arc#dkim", FindingArticles.For("auth-dkim-missing").Path("ja"));

    [Fact]
    public void A_code_added_to_the_engine_later_links_to_the_report_section_of_the_analyzer_guide() =>
        Assert.Equal("/fr/articles/using-the-email-analyzer#report", FindingArticles.For("dkim-some-future-code").Path("fr"));

    [Fact]
    public void The_report_terms_link_to_glossary_entries_by_language_and_anchor()
    {
        Assert.Equal("/de/articles/glossary#pkesk-skesk", GlossaryTerms.Link("de", "PKESK"));
        Assert.Equal("/zh/articles/glossary#recipient-info", GlossaryTerms.Link("zh", "ktri"));
        Assert.Equal("/en/articles/glossary#esmtps", GlossaryTerms.Link("en", "ESMTPS"));
        Assert.Equal("/es/articles/glossary#dkim", GlossaryTerms.LinkForFinding("es", "auth-dkim-missing"));
        Assert.Null(GlossaryTerms.Link("en", "no-such-term"));
    }

    [Fact]
    public void Every_finding_code_names_a_glossary_term_the_table_knows()
    {
        Assert.All(FindingCodes.All, code => Assert.True(GlossaryTerms.FindingTerms.ContainsKey(code.Code), $"{code.Code} names no glossary term"));
        Assert.Empty(GlossaryTerms.FindingTerms.Where(f => GlossaryTerms.Anchor(f.Value) is null).Select(f => $"{f.Key} → {f.Value}"));
    }

    /// <summary>
    /// Fails for a language until its translation of the glossary exists with every {#id} heading the
    /// report links to; until then that language would silently show the English glossary.
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryLanguage))]
    public async Task Every_glossary_entry_the_report_links_to_exists_in_the_translated_glossary(string language)
    {
        var glossary = await Published(GlossaryTerms.Slug, language);
        Assert.True(glossary is not null, "The glossary is not published");
        Assert.True(glossary.Language == language,
            $"{language}: content/{language}/{GlossaryTerms.Slug}.md is missing; the page falls back to English (translation pending)");
        var missing = GlossaryTerms.Anchors.Where(a => !glossary.Rendered.Html.Contains($"id=\"{a}\"", StringComparison.Ordinal)).Order().ToList();
        Assert.True(missing.Count == 0, $"{language}: content/{language}/{GlossaryTerms.Slug}.md lacks the headings " + string.Join(", ", missing.Select(a => $"{{#{a}}}")));
    }

    /// <summary>
    /// A finding card names its links in the reader's language: the article by its translated title, and the glossary
    /// entry by the glossary's own translated heading, never by the table's lookup key ('hidden recipient', 'keyId').
    /// </summary>
    [Theory]
    [InlineData("de", "pgp-hidden-recipient", "pgp/pgpmime-encrypted-hidden-recipient.eml")]
    [InlineData("ja", "relay-masked-address", "realworld/relay/firefox-relay-from-user.eml")]
    public async Task A_finding_card_names_its_article_and_glossary_entry_in_the_readers_language(string language, string code, string sample)
    {
        site.CreateClient();
        var names = await ReportArticleNames.LoadAsync(site.Services.GetRequiredService<ArticleLibrary>(), language);
        await using var ctx = Components.ReportComponentTests.NewContext();
        var report = ctx.Services.GetRequiredService<ReportLocalizer>().Localize(Analyze.Generated(sample), Languages.Get(language));
        var finding = report.Findings.Single(f => f.Finding.Code == code);

        var card = ctx.Render<FindingCard>(p => p
            .Add(c => c.Index, 0).Add(c => c.Finding, finding).Add(c => c.Language, report.Language)
            .Add(c => c.T, ctx.Services.GetRequiredService<TextProvider>().For(language)).Add(c => c.Names, names));

        var article = await Published(finding.ArticleSlug, language);
        Assert.Contains(article!.Title, card.Find("a.finding__article").TextContent);
        var term = GlossaryTerms.FindingTerms[finding.Finding.Code];
        var glossary = await Published(GlossaryTerms.Slug, language);
        var heading = glossary!.Rendered.Toc.Single(t => t.Anchor == GlossaryTerms.Anchor(term)).Text;
        var label = card.Find("a.finding__glossary").TextContent.Trim();
        Assert.EndsWith(heading, label);
        Assert.DoesNotContain(term, label, StringComparison.Ordinal);
    }
}
