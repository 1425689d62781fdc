using System.Globalization;
using Portal.Articles;

namespace Portal.Tests.Articles;

public class ArticleSearchTests
{
    private static readonly CompareInfo Japanese = CultureInfo.GetCultureInfo("ja").CompareInfo;

    [Fact]
    public void A_Japanese_word_inside_a_sentence_is_found_and_highlighted()
    {
        var snippet = ArticleSearch.Snippet(Japanese, "ヘルプデスクは暗号化されたメールを復号できません。", ["暗号化"]);

        Assert.Equal("暗号化", Assert.Single(snippet, p => p.Highlighted).Text);
        Assert.Equal("ヘルプデスクは暗号化されたメールを復号できません。", string.Concat(snippet.Select(p => p.Text)));
    }

    [Fact]
    public void Full_width_letters_match_their_ascii_form()
    {
        var snippet = ArticleSearch.Snippet(Japanese, "転送中はＴＬＳで保護されます。", ["tls"]);

        Assert.Equal("ＴＬＳ", Assert.Single(snippet, p => p.Highlighted).Text);
    }

    [Fact]
    public void Query_terms_are_split_on_any_whitespace_including_ideographic_space() =>
        Assert.Equal(["暗号化", "TLS"], ArticleSearch.Terms("暗号化\u3000TLS  "));
}
