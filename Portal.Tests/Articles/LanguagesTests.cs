using Portal.Articles;

namespace Portal.Tests.Articles;

public class LanguagesTests
{
    [Fact]
    public void The_cookie_wins_over_accept_language() =>
        Assert.Equal("fr", Languages.Negotiate("fr", "de-DE,de;q=0.9").Code);

    [Theory]
    [InlineData("de-DE,de;q=0.9,en;q=0.8", "de")]
    [InlineData("zh-CN,zh;q=0.9", "zh")]
    [InlineData("zh-Hans-CN", "zh")]
    [InlineData("en;q=0.3, ja;q=0.9", "ja")]
    [InlineData("pt-BR, es;q=0.5", "es")]
    [InlineData("ko-KR, *;q=0.1", "en")]
    [InlineData("fr;q=0, de;q=0.1", "de")]
    [InlineData("", "en")]
    public void Accept_language_picks_the_best_supported_language(string header, string expected) =>
        Assert.Equal(expected, Languages.Negotiate(null, header).Code);

    [Fact]
    public void An_unsupported_cookie_falls_through_to_the_configured_default() =>
        Assert.Equal("es", Languages.Negotiate("xx", null, defaultCode: "es").Code);

    [Fact]
    public void Chinese_is_tagged_as_simplified_for_html_and_hreflang() =>
        Assert.Equal("zh-Hans", Languages.Get("zh").Tag);
}
