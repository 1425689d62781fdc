using Portal.Analysis.Relays;
using Portal.Analysis.Report;
using Portal.Tests.Support;

namespace Portal.Tests.Analysis;

/// <summary>
/// Which party a relay hides, on samples of both directions for every catalog service (generated/realworld/relay,
/// made by lib/relaydirections.py) and on Firefox Relay's own test output.
/// </summary>
public sealed class RelayDirectionTests
{
    public static IEnumerable<object[]> Services() =>
        new Portal.Analysis.Catalogs.ShippedAnalysisCatalogs().Relays.Services.Select(s => new object[] { s.Id });

    [Theory]
    [MemberData(nameof(Services))]
    public void Mail_a_relay_forwarded_to_its_user_shows_the_original_sender_and_hides_the_recipient(string service)
    {
        var report = Analyze.Generated($"realworld/relay/{service}-to-user.eml");
        Assert.Equal(service, report.Relay.Service);
        Assert.Equal(MaskedParties.Recipient, report.Relay.MaskedParty);
        Assert.Equal("news@shop.example", report.Relay.VisibleOriginal);
        Assert.True(report.Has(FindingCodes.RelayForwardedCopy));
        Assert.False(report.Has(FindingCodes.RelayMaskedAddress));
        Assert.Equal("news@shop.example", report.Findings.Single(f => f.Code == FindingCodes.RelayForwardedCopy.Code).Args["original"]);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Mail_a_relay_user_sent_from_an_alias_hides_the_sender(string service)
    {
        var report = Analyze.Generated($"realworld/relay/{service}-from-user.eml");
        if (service == "apple-hide-my-email")
        {
            // Sent from iCloud Mail, a Hide My Email alias is an ordinary-looking icloud.com address: claiming a relay would be a guess.
            Assert.Null(report.Relay.Service);
            Assert.Null(report.Relay.MaskedParty);
            return;
        }
        Assert.Equal(service, report.Relay.Service);
        Assert.Equal(MaskedParties.Sender, report.Relay.MaskedParty);
        Assert.Null(report.Relay.VisibleOriginal);
        Assert.True(report.Has(FindingCodes.RelayMaskedAddress));
        Assert.False(report.Has(FindingCodes.RelayForwardedCopy));
    }

    [Fact]
    public void Forwarded_mail_whose_sender_is_itself_an_alias_masks_both_parties()
    {
        var report = Analyze.Generated("realworld/relay/firefox-relay-both.eml");
        Assert.Equal(MaskedParties.Both, report.Relay.MaskedParty);
        Assert.Equal("johndoe@duck.com", report.Relay.VisibleOriginal);
        Assert.True(report.Has(FindingCodes.RelayMaskedAddress));
    }

    [Fact]
    public void Firefox_relays_own_forwarded_output_names_the_sender_it_wrote_into_the_display_name()
    {
        Assert.True(Corpus.PublicDirectory is not null, Corpus.PublicMissing);
        var forwarded = Directory.GetFiles(Path.Combine(Corpus.PublicDirectory!, "firefox-relay"), "*_expected.eml")
            .Select(f => (File: f, From: File.ReadLines(f).FirstOrDefault(l => l.StartsWith("From:", StringComparison.OrdinalIgnoreCase) && l.Contains("[via Relay]", StringComparison.Ordinal))))
            .Where(x => x.From is not null)
            .ToList();
        Assert.True(forwarded.Count >= 5, $"{forwarded.Count} forwarded samples");
        foreach (var (file, from) in forwarded)
        {
            var report = Analyze.File(file);
            var line = from!;
            var original = line[(line.IndexOf('"') + 1)..line.IndexOf(" [via Relay]", StringComparison.Ordinal)];
            Assert.True(report.Relay.VisibleOriginal == original, $"{Path.GetFileName(file)}: {report.Relay.VisibleOriginal} != {original}");
            Assert.NotEqual(MaskedParties.Sender, report.Relay.MaskedParty);
        }
    }

    [Fact]
    public void The_same_from_line_matched_by_two_signals_is_one_piece_of_evidence_with_both_notes()
    {
        var finding = Analyze.Generated("realworld/relay/firefox-relay-to-user.eml").Findings.Single(f => f.Code == FindingCodes.RelayForwardedCopy.Code);
        var from = Assert.Single(finding.Evidence, e => e.Header == "From");
        Assert.Equal(EvidenceNotes.RelayDomain.Key, from.NoteKey);
        Assert.Contains(EvidenceNotes.RelayDisplayName.Key, from.MoreNoteKeys!);
        Assert.Contains("display-name", from.Note);
    }
}
