using Portal.Articles;

namespace Portal.Tests.Articles;

public class FrontMatterParserTests
{
    private const string English = """
        ---
        title: "Sending encrypted mail to support: connectors and TLS"
        summary: How to protect mail on its way.
        slug: sending-encrypted-mail-to-support
        category: sending
        order: 3
        updated: 2026-11-21
        tags: [tls, connector, help desk]
        revision: 2
        ---

        Body text.
        """;

    [Fact]
    public void English_front_matter_gives_every_field_and_the_body()
    {
        var (doc, error) = FrontMatterParser.Parse(English, "en");

        Assert.Null(error);
        Assert.NotNull(doc);
        Assert.Equal("Sending encrypted mail to support: connectors and TLS", doc.Title);
        Assert.Equal("sending-encrypted-mail-to-support", doc.Slug);
        Assert.Equal("sending", doc.Category);
        Assert.Equal(3, doc.Order);
        Assert.Equal(new DateOnly(2026, 11, 21), doc.Updated);
        Assert.Equal(["tls", "connector", "help desk"], doc.Tags);
        Assert.Equal(2, doc.Revision);
        Assert.Null(doc.SourceRevision);
        Assert.Equal("Body text.", doc.Body);
    }

    [Theory]
    [InlineData("no front matter\nat all", "does not start")]
    [InlineData("---\ntitle: A\nslug: a\n", "no closing")]
    [InlineData("---\ntitle: A\n---\nbody", "missing 'slug'")]
    [InlineData("---\ntitle: A\nslug: Not A Slug\n---\n", "slug 'Not A Slug'")]
    [InlineData("---\ntitle: A\nslug: a\norder: first\n---\n", "'order' must be a whole number")]
    [InlineData("---\ntitle: A\nslug: a\nupdated: 21/11/2026\n---\n", "'updated' must be a date")]
    [InlineData("---\ntitle: A\nthis line has no colon\nslug: a\n---\n", "line 3 is not 'key: value'")]
    [InlineData("---\ntitle: A\ntitle: B\nslug: a\n---\n", "appears twice")]
    public void Malformed_front_matter_is_refused_with_a_reason(string text, string expected)
    {
        var (doc, error) = FrontMatterParser.Parse(text, "en");

        Assert.Null(doc);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void A_translation_must_say_which_English_revision_it_was_made_from()
    {
        var (_, error) = FrontMatterParser.Parse("---\ntitle: Titel\nslug: a\n---\nText", "de");
        Assert.Contains("source_revision", error);

        var (doc, _) = FrontMatterParser.Parse("---\ntitle: Titel\nslug: a\nsource_revision: 4\n---\nText", "de");
        Assert.Equal(4, doc!.SourceRevision);
    }
}
