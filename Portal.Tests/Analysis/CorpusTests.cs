using System.Text.RegularExpressions;
using Portal.Analysis.Report;
using Portal.Tests.Support;

namespace Portal.Tests.Analysis;

/// <summary>Both corpora end to end: no exception anywhere, and the public corpus's crypto facts hold.</summary>
public sealed class CorpusTests
{
    [Fact]
    public void Every_message_of_both_corpora_is_analyzed_without_an_exception()
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var file in Corpus.AllMessages())
        {
            count++;
            try
            {
                var report = Analyze.File(file);
                ReportJson.Serialize(report);
            }
            catch (Exception e)
            {
                failures.Add($"{file}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.True(count >= 45, $"only {count} messages found");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Malformed_public_samples_come_back_with_defects_not_crashes()
    {
        Assert.True(Corpus.PublicDirectory is not null, Corpus.PublicMissing);
        var malformed = PublicRows().Where(r => r.What.Contains("py-defects=", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(malformed);
        var withDefects = malformed.Count(r => Analyze.File(Path.Combine(Corpus.PublicDirectory!, r.File)).Defects.Count > 0);
        // Python and our parser do not agree on every defect, but most malformed samples must show some.
        Assert.True(withDefects * 2 >= malformed.Count, $"{withDefects} of {malformed.Count} malformed samples have defects");
    }

    public static IEnumerable<object[]> PublicCrypto() =>
        PublicRows().Where(r => r.What.Contains("crypto: ", StringComparison.Ordinal)).Select(r => new object[] { r.File });

    [Theory]
    [MemberData(nameof(PublicCrypto))]
    public void Public_crypto_facts_match_the_report(string file)
    {
        Assert.True(Corpus.PublicDirectory is not null, Corpus.PublicMissing);
        var row = PublicRows().Single(r => r.File == file);
        var crypto = row.What[(row.What.IndexOf("crypto: ", StringComparison.Ordinal) + 8)..];
        var report = Analyze.File(Path.Combine(Corpus.PublicDirectory!, file));

        // Only the first, outermost structure is compared; nested and multi-block messages list several.
        if (Regex.Match(crypto, @"^cms=envelopedData recipients=(\d+) \{(.*?)\} cipher=(\S+)") is { Success: true } env)
        {
            Assert.Equal(EncryptionKinds.Smime, report.Encryption.Kind);
            Assert.Equal(int.Parse(env.Groups[1].Value), report.Encryption.Recipients.Count);
            Assert.Equal(env.Groups[3].Value, report.Encryption.ContentAlgorithm);
            var first = report.Encryption.Recipients[0];
            if (Regex.Match(env.Groups[2].Value, @"serial 0x([0-9A-F]+)") is { Success: true } serial)
                Assert.Equal(serial.Groups[1].Value.ToLowerInvariant().TrimStart('0'), first.SerialNumber);
            if (Regex.Match(env.Groups[2].Value, @"SKI ([0-9A-F]+)") is { Success: true } ski)
                Assert.Equal(ski.Groups[1].Value, first.SubjectKeyIdentifier);
        }
        else if (Regex.Match(crypto, @"^cms=signedData \w+ certs=\d+ signers=(\d+) \{issuer CN=(.*?) serial 0x([0-9A-F]+)") is { Success: true } signed)
        {
            Assert.Contains(report.Signature.Signers, s => s.SerialNumber == signed.Groups[3].Value.ToLowerInvariant().TrimStart('0'));
        }
        else if (Regex.Match(crypto, @"^pgp: pkesk=(\d+) \{(.*?)\}") is { Success: true } pgp && int.Parse(pgp.Groups[1].Value) > 0)
        {
            Assert.Equal(EncryptionKinds.Pgp, report.Encryption.Kind);
            var keyIds = Regex.Matches(pgp.Groups[2].Value, @"v3 ([0-9A-F]{16})").Select(m => m.Groups[1].Value).ToList();
            foreach (var keyId in keyIds)
                Assert.Contains(report.Encryption.Recipients, r => r.KeyId == keyId);
        }
    }

    private sealed record PublicRow(string File, string What);

    private static IEnumerable<PublicRow> PublicRows() =>
        Corpus.PublicDirectory is null
            ? []
            : File.ReadAllLines(Path.Combine(Corpus.PublicDirectory, "SOURCES.tsv")).Skip(1)
                .Select(l => l.Split('\t')).Where(c => c.Length > 5).Select(c => new PublicRow(c[0], c[5]));
}
