using System.Globalization;
using Portal.Analysis;
using Portal.Analysis.Catalogs;
using Portal.Tests.Support;

namespace Portal.Tests.Localization;

/// <summary>
/// A word the engine picks from a closed set (a portal marker's confidence) reaches the reader in the reader's
/// language, like the sentence around it; addresses and vendor names stay as the message has them.
/// </summary>
public sealed class FindingWordTests
{
    [Theory]
    [InlineData("en", "(confidence: high)")]
    [InlineData("fr", "(fiabilité : élevée)")]
    [InlineData("de", "(Erkennungssicherheit: hoch)")]
    [InlineData("es", "(confianza: alta)")]
    [InlineData("ja", "（確度：高）")]
    [InlineData("zh", "（可信度：高）")]
    public void A_rights_protected_messages_confidence_is_said_in_the_report_language(string language, string expected)
    {
        var report = new EmailAnalyzer(new ShippedAnalysisCatalogs()).Analyze(File.ReadAllBytes(Corpus.Generated("ome/rights-protected-rpmsg.eml")));
        var finding = Assert.Single(report.Findings, f => f.Code == "rights-managed");
        Assert.Equal("high", finding.Args["confidence"]);

        var explanation = FindingTexts.Explanation(finding, CultureInfo.GetCultureInfo(language));

        Assert.Contains(expected, explanation);
        Assert.Contains(finding.Args["vendor"], explanation);
    }
}
