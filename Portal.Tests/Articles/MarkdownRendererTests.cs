using Portal.Articles;

namespace Portal.Tests.Articles;

public class MarkdownRendererTests
{
    [Fact]
    public void Raw_html_and_script_are_shown_as_text_not_rendered()
    {
        var html = MarkdownRenderer.Render("Hello <script>alert(1)</script>\n\n<div onclick=\"x()\">block</div>\n\n<img src=x onerror=alert(1)>").Html;

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<div", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[click](vbscript:msgbox)")]
    [InlineData("[click][bad]\n\n[bad]: javascript:alert(1)")]
    [InlineData("![pixel](javascript:alert(1))")]
    [InlineData("[click](java&#115;cript:alert(1))")]
    public void Links_with_script_schemes_are_made_inert(string markdown)
    {
        var html = MarkdownRenderer.Render(markdown).Html;

        Assert.DoesNotContain("script:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html);
        Assert.Matches("(href|src)=\"#\"", html);
    }

    [Theory]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("<JAVASCRIPT:alert(document.cookie)>")]
    [InlineData("<vbscript:msgbox>")]
    [InlineData("<data:text/html;base64,PHNjcmlwdD4=>")]
    public void Autolinks_with_script_schemes_are_plain_text(string markdown)
    {
        var html = MarkdownRenderer.Render(markdown).Html;

        Assert.DoesNotContain("href", html);
        Assert.DoesNotContain("<a", html);
        Assert.Contains(markdown.Trim('<', '>'), System.Net.WebUtility.HtmlDecode(html));
    }

    [Fact]
    public void Safe_autolinks_stay_links() =>
        Assert.Contains("href=\"https://example.org/x\"", MarkdownRenderer.Render("<https://example.org/x> and <help@example.org>").Html);

    [Fact]
    public void Ordinary_links_are_kept() =>
        Assert.Contains("href=\"/en/articles/email-encryption-types\"",
            MarkdownRenderer.Render("[types](/en/articles/email-encryption-types) and https://example.org").Html);

    [Fact]
    public void Chinese_and_Japanese_headings_get_working_anchors_and_a_table_of_contents()
    {
        var rendered = MarkdownRenderer.Render("## 为什么无法解密\n\ntext\n\n### 暗号化の種類\n\ntext\n\n## 为什么无法解密\n\nagain");

        Assert.Equal(["为什么无法解密", "暗号化の種類", "为什么无法解密-2"], rendered.Toc.Select(t => t.Anchor));
        Assert.Equal([2, 3, 2], rendered.Toc.Select(t => t.Level));
        Assert.Contains("id=\"为什么无法解密\"", rendered.Html);
        Assert.Contains("id=\"暗号化の種類\"", rendered.Html);
        Assert.Contains("id=\"为什么无法解密-2\"", rendered.Html);
    }

    [Fact]
    public void European_headings_keep_their_accented_letters_in_anchors() =>
        Assert.Equal("qu-est-ce-que-le-chiffrement-de-bout-en-bout", MarkdownRenderer.Anchor("Qu'est-ce que le chiffrement de bout en bout ?"));

    [Fact]
    public void A_heading_ending_in_an_explicit_id_gets_that_id_and_hides_the_marker()
    {
        var rendered = MarkdownRenderer.Render("## DKIM: a signature from a domain {#dkim}\n\ntext\n\n### The body length tag `l=` {#dkim-body-length}\n\ntext");

        Assert.Equal(["dkim", "dkim-body-length"], rendered.Toc.Select(t => t.Anchor));
        Assert.Equal(["DKIM: a signature from a domain", "The body length tag l="], rendered.Toc.Select(t => t.Text));
        Assert.Contains("<h2 id=\"dkim\">DKIM: a signature from a domain</h2>", rendered.Html);
        Assert.Contains("id=\"dkim-body-length\"", rendered.Html);
        Assert.DoesNotContain("{#", rendered.Html);
        Assert.DoesNotContain("{#", rendered.PlainText);
    }

    [Fact]
    public void A_translated_heading_keeps_the_english_explicit_id() =>
        Assert.Contains("<h2 id=\"how-portals-work\">门户邮件的工作方式</h2>", MarkdownRenderer.Render("## 门户邮件的工作方式 {#how-portals-work}").Html);

    [Fact]
    public void An_explicit_id_wins_over_an_earlier_heading_whose_derived_anchor_is_the_same()
    {
        var rendered = MarkdownRenderer.Render("## SPF\n\n## Sender policy {#spf}");

        Assert.Equal(["spf-2", "spf"], rendered.Toc.Select(t => t.Anchor));
    }

    [Theory]
    [InlineData("## Title {#bad id\"}")]
    [InlineData("## Title {onclick=x}")]
    [InlineData("## Title {#x onclick=alert(1)}")]
    [InlineData("## Title {.danger}")]
    [InlineData("## Title {#Upper}")]
    [InlineData("## Title {#-}")]
    public void Anything_but_a_plain_lowercase_id_is_not_honoured_as_an_attribute(string markdown)
    {
        var html = MarkdownRenderer.Render(markdown).Html;

        Assert.DoesNotContain("onclick=\"", html);
        Assert.DoesNotContain("class=", html);
        Assert.StartsWith("<h2 id=\"title", html); // the derived anchor, from the visible text
        Assert.Contains("{", html);
    }
}
