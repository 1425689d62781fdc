using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Analysis;
using Portal.Analysis.Report;
using Portal.Localization;
using Portal.Text;

namespace Portal.Tests.Localization;

/// <summary>
/// Counts read naturally in every language: "1 reader", "2 readers", never "reader(s)". Interface texts
/// use <c>{0:plural:one|other}</c>, finding texts <c>{count:plural:one|other}</c>, both on the same rules.
/// </summary>
public sealed class PluralTextTests
{
    private static readonly TextProvider Texts = new(new StringLocalizer<UiText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)));

    [Theory]
    [InlineData("en", 0, PluralCategory.Other), InlineData("en", 1, PluralCategory.One), InlineData("en", 2, PluralCategory.Other)]
    [InlineData("de", 0, PluralCategory.Other), InlineData("de", 1, PluralCategory.One), InlineData("de", 2, PluralCategory.Other)]
    [InlineData("es", 0, PluralCategory.Other), InlineData("es", 1, PluralCategory.One), InlineData("es", 2, PluralCategory.Other)]
    [InlineData("fr", 0, PluralCategory.One), InlineData("fr", 1, PluralCategory.One), InlineData("fr", 2, PluralCategory.Other)]
    [InlineData("ja", 0, PluralCategory.Other), InlineData("ja", 1, PluralCategory.Other), InlineData("ja", 2, PluralCategory.Other)]
    [InlineData("zh", 0, PluralCategory.Other), InlineData("zh", 1, PluralCategory.Other), InlineData("zh", 2, PluralCategory.Other)]
    public void Each_language_follows_its_cldr_cardinal_rule(string language, int count, PluralCategory expected) =>
        Assert.Equal(expected, PluralRules.Category(CultureInfo.GetCultureInfo(language), count));

    [Theory]
    [InlineData("en", 0, "0 readers found this helpful."), InlineData("en", 1, "1 reader found this helpful."), InlineData("en", 2, "2 readers found this helpful.")]
    [InlineData("de", 0, "0 Leser fanden das hilfreich."), InlineData("de", 1, "1 Leser fand das hilfreich."), InlineData("de", 2, "2 Leser fanden das hilfreich.")]
    [InlineData("es", 0, "A 0 lectores les resultó útil."), InlineData("es", 1, "A 1 lector le resultó útil."), InlineData("es", 2, "A 2 lectores les resultó útil.")]
    [InlineData("fr", 0, "0 lecteur a trouvé cet article utile."), InlineData("fr", 1, "1 lecteur a trouvé cet article utile."), InlineData("fr", 2, "2 lecteurs ont trouvé cet article utile.")]
    [InlineData("ja", 0, "0 人の読者が役に立ったと回答しました。"), InlineData("ja", 1, "1 人の読者が役に立ったと回答しました。"), InlineData("ja", 2, "2 人の読者が役に立ったと回答しました。")]
    [InlineData("zh", 0, "0 位读者认为有帮助。"), InlineData("zh", 1, "1 位读者认为有帮助。"), InlineData("zh", 2, "2 位读者认为有帮助。")]
    public void Feedback_count_agrees_with_the_number_of_readers(string language, int readers, string expected) =>
        Assert.Equal(expected, Texts.For(language)["Feedback.Count", readers]);

    [Theory]
    [InlineData("en", 1, "the recorded hop does not say whether TLS protected it.")]
    [InlineData("en", 3, "the 3 recorded hops do not say whether TLS protected them.")]
    [InlineData("fr", 1, "le saut enregistré n’indique pas s’il était protégé par TLS.")]
    [InlineData("fr", 3, "les 3 sauts enregistrés n’indiquent pas s’ils étaient protégés par TLS.")]
    [InlineData("de", 1, "für den aufgezeichneten Hop ist nicht vermerkt, ob TLS ihn geschützt hat.")]
    [InlineData("es", 3, "los 3 saltos registrados no indican si estaban protegidos por TLS.")]
    public void A_hash_in_a_branch_writes_the_count_where_the_wording_needs_it(string language, int hops, string expectedEnd) =>
        Assert.EndsWith(expectedEnd, Texts.For(language)["Verdict.TlsUnknown", hops]);

    [Theory]
    [InlineData("en", "0", "0 recipients are hidden"), InlineData("en", "1", "1 recipient is hidden"), InlineData("en", "2", "2 recipients are hidden")]
    [InlineData("de", "0", "0 Empfänger sind verborgen"), InlineData("de", "1", "1 Empfänger ist verborgen"), InlineData("de", "2", "2 Empfänger sind verborgen")]
    [InlineData("es", "0", "0 destinatarios están ocultos"), InlineData("es", "1", "1 destinatario está oculto"), InlineData("es", "2", "2 destinatarios están ocultos")]
    [InlineData("fr", "0", "0 destinataire est masqué"), InlineData("fr", "1", "1 destinataire est masqué"), InlineData("fr", "2", "2 destinataires sont masqués")]
    [InlineData("ja", "0", "0 件の受信者が隠されています。"), InlineData("ja", "1", "1 件の受信者が隠されています。"), InlineData("ja", "2", "2 件の受信者が隠されています。")]
    [InlineData("zh", "0", "0 个收件人被隐藏"), InlineData("zh", "1", "1 个收件人被隐藏"), InlineData("zh", "2", "2 个收件人被隐藏")]
    public void Finding_explanations_agree_with_their_count(string language, string count, string expectedStart) =>
        Assert.StartsWith(expectedStart, FindingTexts.Explanation(Finding("pgp-hidden-recipient", count), CultureInfo.GetCultureInfo(language)));

    [Theory]
    [InlineData("en", "1", "The line below it arrived with the message")]
    [InlineData("en", "4", "The 4 lines below it arrived with the message")]
    [InlineData("fr", "1", "La ligne en dessous est arrivée avec le message et a pu être écrite")]
    [InlineData("fr", "4", "Les 4 lignes en dessous sont arrivées avec le message et ont pu être écrites")]
    public void A_finding_branch_may_carry_the_count_itself(string language, string count, string expected) =>
        Assert.Contains(expected, FindingTexts.Explanation(Finding("transport-lower-hops-forgeable", count), CultureInfo.GetCultureInfo(language)));

    [Fact]
    public void Ordinary_format_items_keep_the_culture_of_the_language()
    {
        var german = new PluralFormatProvider(CultureInfo.GetCultureInfo("de"));

        Assert.Equal("1.234 Dateien, 1 Datei, 3,5", string.Format(german, "{0:N0} {0:plural:Datei|Dateien}, {1} {1:plural:Datei|Dateien}, {2}", 1234, 1, 3.5));
        Assert.Equal("15.01.2025", string.Format(german, "{0:d}", new DateTime(2025, 1, 15)));
    }

    [Theory]
    [InlineData("{0:plural:items}", 1, "items")]                 // no '|': the one branch serves every count
    [InlineData("{0:plural:items}", 2, "items")]
    [InlineData("{0:plural:one|other|third}", 2, "other")]      // extra branches are ignored
    [InlineData("{0:plural:one|other|third}", 1, "one")]
    [InlineData("{0:plural:}", 1, "")]
    [InlineData("{0:plural:|}", 2, "")]
    public void Malformed_plurals_degrade_to_readable_text(string template, int count, string expected) =>
        Assert.Equal(expected, string.Format(new PluralFormatProvider(CultureInfo.GetCultureInfo("en")), template, count));

    [Theory]
    [InlineData("it", 1, "1 file")]   // unknown languages fall back to English texts, and so to the English rule
    [InlineData("pt-BR", 2, "2 files")]
    [InlineData("", 1, "1 file")]     // the invariant culture reads the neutral (English) resources
    public void Unknown_languages_use_the_english_rule(string culture, int count, string expected) =>
        Assert.Equal(expected, string.Format(new PluralFormatProvider(CultureInfo.GetCultureInfo(culture)), "{0} {0:plural:file|files}", count));

    [Fact]
    public void Arguments_that_are_not_counts_take_the_other_form()
    {
        var english = new PluralFormatProvider(CultureInfo.GetCultureInfo("en"));

        Assert.Equal("files", string.Format(english, "{0:plural:file|files}", "many"));
        Assert.Equal("files", string.Format(english, "{0:plural:file|files}", (object?)null));
        Assert.Equal("1 file", PluralRules.Select(CultureInfo.InvariantCulture, "1", "# file|# files"));
        Assert.Equal("files", PluralRules.Select(CultureInfo.InvariantCulture, "n/a", "file|files"));
    }

    [Fact]
    public void A_finding_text_with_an_unknown_or_missing_count_stays_readable()
    {
        var withoutCount = new Finding("x", Severity.Info, [], new Dictionary<string, string>());

        Assert.Equal("{count:plural:a|b} left", FindingTexts.Fill("{count:plural:a|b} left", withoutCount, CultureInfo.GetCultureInfo("en")));
        Assert.Equal("hops", FindingTexts.Fill("{count:plural:hop|hops}", Finding("x", "several"), CultureInfo.GetCultureInfo("fr")));
        Assert.Equal("hop", FindingTexts.Fill("{count:plural:hop}", Finding("x", "2"), CultureInfo.GetCultureInfo("de")));
    }

    private static Finding Finding(string code, string count) =>
        new(code, Severity.Info, [], new Dictionary<string, string> { ["count"] = count });
}
