using Portal.Articles.Search;

namespace Portal.Tests.Articles;

/// <summary>The full-text index on the real articles of content/, one language at a time.</summary>
public class SearchIndexTests
{
    private const string EncryptionTypes = "email-encryption-types";
    private const string Relays = "private-relays-and-masked-addresses";
    private const string WhyNot = "why-emails-cant-be-decrypted-or-traced";

    private static IndexResult Search(string language, string query, string? category = null) =>
        ContentSearchIndex.For(language).Search(query, category);

    private static IEnumerable<string> Slugs(IndexResult result) => result.Hits.Select(h => h.Slug);

    private static IEnumerable<string> Marked(IndexResult result) =>
        result.Hits.SelectMany(h => h.Snippet).Where(p => p.Highlighted).Select(p => p.Text);

    [Fact]
    public void English_words_are_stemmed_so_tracing_finds_the_article_about_mail_that_cannot_be_traced()
    {
        Assert.DoesNotContain(ContentSearchIndex.Documents("en"), d => (d.Title + d.Body).Contains("tracing", StringComparison.OrdinalIgnoreCase));

        var result = Search("en", "tracing");

        Assert.Contains(WhyNot, Slugs(result));
        Assert.Contains(Marked(result), m => m.StartsWith("trace", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_transposed_typo_in_a_long_word_still_finds_the_article() =>
        Assert.Equal(EncryptionTypes, Search("en", "encrpytion types").Hits.First().Slug);

    [Fact]
    public void German_without_umlauts_finds_Verschluesselung()
    {
        var result = Search("de", "Verschlusselung");

        Assert.Contains(EncryptionTypes, Slugs(result));
        Assert.Contains("Verschlüsselung", Marked(result));
    }

    [Fact]
    public void French_forms_of_a_word_find_each_other_and_accents_are_optional()
    {
        var accented = Slugs(Search("fr", "chiffrées")).ToHashSet();
        var plain = Slugs(Search("fr", "chiffrees")).ToHashSet();

        Assert.Contains("sending-encrypted-mail-to-support", accented);
        Assert.Equal(accented, plain);
    }

    [Fact]
    public void Spanish_plural_feminine_finds_the_masculine_singular()
    {
        Assert.Contains(EncryptionTypes, Slugs(Search("es", "cifradas")));
        Assert.Contains(EncryptionTypes, Slugs(Search("es", "tipos cifrados")));
    }

    [Theory]
    [InlineData("ール")]
    [InlineData("メール")]
    [InlineData("めーる")] // hiragana reads as katakana
    [InlineData("ﾒｰﾙ")]   // half-width katakana
    public void A_Japanese_piece_of_mail_finds_every_article_with_meru_in_its_title(string query)
    {
        var expected = ContentSearchIndex.Documents("ja").Where(d => d.Title.Contains("メール")).Select(d => d.Slug).ToArray();
        Assert.NotEmpty(expected);

        var result = Search("ja", query);

        Assert.All(expected, slug => Assert.Contains(slug, Slugs(result)));
        Assert.Contains(Marked(result), m => m.Contains("ール"));
    }

    [Fact]
    public void A_Japanese_piece_matches_only_where_its_characters_are_adjacent()
    {
        var result = Search("ja", "暗号化");
        Assert.Contains(EncryptionTypes, Slugs(result));
        Assert.All(result.Hits, hit => Assert.Contains(hit.Snippet, p => p.Highlighted && p.Text.Contains("暗号")));
    }

    [Fact]
    public void A_two_character_Chinese_piece_across_a_word_boundary_finds_the_title()
    {
        Assert.Contains(EncryptionTypes, Slugs(Search("zh", "加密")));
        Assert.Contains(EncryptionTypes, Slugs(Search("zh", "件加"))); // 邮件|加密
    }

    [Theory]
    [InlineData("en", "helpdesk", WhyNot)]
    [InlineData("en", "smime", EncryptionTypes)]
    [InlineData("en", "masks", Relays)]
    [InlineData("de", "Kryptierung", EncryptionTypes)]
    [InlineData("fr", "cryptage", EncryptionTypes)]
    [InlineData("es", "encriptación", EncryptionTypes)]
    [InlineData("ja", "エンクリプト", EncryptionTypes)]
    [InlineData("zh", "帮助台", WhyNot)]
    public void A_synonym_finds_articles_that_use_another_word_of_its_group(string language, string query, string slug)
    {
        Assert.DoesNotContain(ContentSearchIndex.Documents(language), d => d.Slug == slug && (d.Title + d.Body).Contains(query, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(slug, Slugs(Search(language, query)));
    }

    [Fact]
    public void A_quoted_phrase_finds_only_articles_with_those_words_together()
    {
        var phrase = Search("en", "\"forwarding mailbox\"");
        var words = Search("en", "mailbox forwarding help");
        var together = ContentSearchIndex.Documents("en")
            .Where(d => $"{d.Title}\n{d.Summary}\n{d.Body}".Contains("forwarding mailbox", StringComparison.OrdinalIgnoreCase))
            .Select(d => d.Slug).ToHashSet();

        Assert.Contains(Relays, Slugs(phrase));
        Assert.Equal(together, Slugs(phrase).ToHashSet());
        Assert.True(words.Total > phrase.Total);
    }

    [Fact]
    public void The_category_filter_keeps_only_that_category()
    {
        var all = Search("en", "encryption");
        var relays = Search("en", "encryption", "relays");

        Assert.NotEmpty(relays.Hits);
        Assert.All(relays.Hits, h => Assert.Equal("relays", h.Category));
        Assert.True(all.Total > relays.Total);
    }

    [Fact]
    public void A_misspelt_short_word_that_finds_nothing_gets_a_did_you_mean()
    {
        var result = Search("en", "tsl");

        Assert.Empty(result.Hits);
        Assert.Equal("tls", result.DidYouMean);
        Assert.NotEmpty(Search("en", result.DidYouMean!).Hits);
        Assert.Null(Search("en", "tls").DidYouMean);
    }

    [Theory]
    [InlineData("zh", "加秘邮件", "加密邮件")] // 秘 for 密: both mì, the input method's slip
    [InlineData("zh", "电子油件", "电子邮件")] // 油 for 邮: both yóu
    [InlineData("ja", "暗合化", "暗号化")]     // 合 for 号: both ごう
    [InlineData("ja", "パスワート", "パスワード")]
    [InlineData("ja", "証明所 暗合化", "証明書 暗号化")] // each run is corrected on its own
    public void A_wrong_character_in_a_Chinese_or_Japanese_word_gets_a_did_you_mean(string language, string query, string expected)
    {
        var result = Search(language, query);

        Assert.Empty(result.Hits);
        Assert.Equal(expected, result.DidYouMean);
        Assert.NotEmpty(Search(language, expected).Hits);
    }

    [Fact]
    public void Two_Chinese_characters_that_find_nothing_get_no_guess()
    {
        // One neighbour leaves dozens of known pieces (加入, 加上, 参加 …): any choice would be a guess.
        Assert.Equal(0, Search("zh", "加秘").Total);
        Assert.Null(Search("zh", "加秘").DidYouMean);
    }

    [Fact]
    public void Pages_of_results_follow_one_ranking_without_gaps_or_repeats()
    {
        var index = ContentSearchIndex.For("en");
        var all = index.Search("mail", limit: 100, snippets: false);
        Assert.True(all.Total >= 5, $"{all.Total} hits");

        var pages = Enumerable.Range(0, 3).Select(page => index.Search("mail", limit: 2, skip: page * 2)).ToArray();

        Assert.All(pages, page => Assert.Equal(all.Total, page.Total));
        Assert.Equal(all.Hits.Take(6).Select(h => h.Slug), pages.SelectMany(p => p.Hits).Select(h => h.Slug));
        Assert.All(pages.SelectMany(p => p.Hits), hit => Assert.NotEmpty(hit.Snippet));
    }

    [Fact]
    public void A_word_no_article_is_near_gets_no_suggestion() =>
        Assert.Null(Search("en", "xqzvbnw").DidYouMean);

    [Fact]
    public void Titles_rank_above_bodies()
    {
        var result = Search("en", "relays");
        Assert.Equal(Relays, result.Hits.First().Slug);
    }

    [Fact]
    public void Snippets_are_one_block_of_the_article_and_never_run_a_heading_into_its_paragraph()
    {
        foreach (var language in new[] { "en", "de", "ja" })
        {
            var query = language == "ja" ? "リレー" : "relay";
            var result = Search(language, query);
            Assert.NotEmpty(result.Hits);
            foreach (var hit in result.Hits)
            {
                var snippet = string.Concat(hit.Snippet.Select(p => p.Text));
                var document = ContentSearchIndex.Documents(language).Single(d => d.Slug == hit.Slug);
                var blocks = document.Body.Split('\n').Concat([document.Summary]);
                Assert.True(blocks.Any(block => block.Contains(snippet.Trim('…', ' '))), $"{language} {hit.Slug}: «{snippet}»");
                Assert.DoesNotContain('\n', snippet);
            }
            Assert.Contains(Marked(result), m => m.Contains(language == "ja" ? "リレー" : "relay", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [InlineData("\"unbalanced relay")]
    [InlineData("relay AND (OR")]
    [InlineData("title:relay^3 ~2 *")]
    [InlineData("\\ \" \" -- ||")]
    public void Malformed_query_syntax_never_fails_and_falls_back_to_its_words(string query)
    {
        var result = Search("en", query);
        if (query.Contains("relay"))
            Assert.Contains(Relays, Slugs(result));
    }

    [Fact]
    public void Suggestions_complete_the_word_being_typed_in_titles()
    {
        var suggestions = ContentSearchIndex.For("en").Suggest("private rel", 6);
        Assert.Equal(Relays, suggestions.First().Slug);

        Assert.Contains(ContentSearchIndex.For("ja").Suggest("メー", 6), h => h.Slug == EncryptionTypes);
        Assert.Contains(ContentSearchIndex.For("de").Suggest("verschl", 6), h => h.Slug == EncryptionTypes);
    }

    [Fact]
    public void Sync_replaces_changed_articles_and_drops_removed_ones()
    {
        using var index = new LanguageIndex("en", ContentSearchIndex.Synonyms);
        var documents = ContentSearchIndex.Documents("en").ToList();
        Assert.Equal(documents.Count, index.Sync(documents));
        Assert.Equal(0, index.Sync(documents));
        Assert.Contains(Relays, index.Search("relay").Hits.Select(h => h.Slug));

        var changed = documents.Select(d => d.Slug == EncryptionTypes ? d with { Title = "Quokka encryption" } : d).Where(d => d.Slug != Relays).ToList();
        Assert.Equal(2, index.Sync(changed));

        Assert.DoesNotContain(Relays, index.Search("relay").Hits.Select(h => h.Slug));
        Assert.Equal(EncryptionTypes, Assert.Single(index.Search("quokka").Hits).Slug);
    }
}
