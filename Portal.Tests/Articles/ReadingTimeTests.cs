using Portal.Articles;

namespace Portal.Tests.Articles;

/// <summary>Reading time counts words where words are separated, characters where they are not.</summary>
public sealed class ReadingTimeTests
{
    [Fact]
    public void A_short_text_takes_at_least_a_minute() => Assert.Equal(1, ReadingTime.Minutes("Two words."));

    [Fact]
    public void Words_are_read_at_about_220_a_minute() =>
        Assert.Equal(5, ReadingTime.Minutes(string.Join(' ', Enumerable.Repeat("word", 1100))));

    [Fact]
    public void Japanese_is_counted_by_characters() =>
        Assert.Equal(3, ReadingTime.Minutes(string.Concat(Enumerable.Repeat("メールを復号できない理由。", 115))));

    [Fact]
    public void Every_article_in_every_language_gets_a_plausible_reading_time()
    {
        foreach (var file in Directory.GetFiles(Support.RepositoryPaths.Content, "*.md", SearchOption.AllDirectories))
            Assert.InRange(ReadingTime.Minutes(File.ReadAllText(file)), 1, 30);
    }
}
