using System.Text.RegularExpressions;
using Portal.Analysis.Replies;
using Portal.Articles;

namespace Portal.Tests.Analysis;

/// <summary>
/// A reply to the sender for every kind of verdict, whole and natural in each of the six languages, that never names an
/// address nor asks for a private key.
/// </summary>
public sealed partial class SuggestedReplyTests
{
    /// <summary>One real message per reply kind: the kinds a report can come to, each shown to be reachable.</summary>
    public static TheoryData<string, string> SampleOfEachKind { get; } = new()
    {
        { ReplyKinds.ForwardedInline, "forwards/inline-gmail.eml" },
        { ReplyKinds.Fragment, "realworld/crypto/fragment-saved-p7m.eml" },
        { ReplyKinds.ProtectionDamaged, "realworld/crypto/broken-encrypted-no-data-part.eml" },
        { ReplyKinds.RightsManaged, "ome/rights-protected-rpmsg.eml" },
        { ReplyKinds.EncryptionPortal, "forwards/portal-notice-proofpoint.eml" },
        { ReplyKinds.SmimeEncrypted, "forwards/attached-thunderbird-smime.eml" },
        { ReplyKinds.PgpEncrypted, "pgp/pgpmime-encrypted-2recip-rsa+cv25519.eml" },
        { ReplyKinds.PasswordProtected, "pgp/pgpmime-symmetric-skesk-aes256.eml" },
        { ReplyKinds.RelaySender, "realworld/relay/firefox-relay-from-user.eml" },
        { ReplyKinds.RelayForwardedCopy, "realworld/relay/duckduckgo-to-user.eml" },
        { ReplyKinds.SignatureBroken, "realworld/lists/smime-signed-mailman-footer.eml" },
        { ReplyKinds.MessageDamaged, "forwards/text-cut-short.eml" },
        { ReplyKinds.PlaintextRoute, "received/one-plaintext-hop.eml" },
        { ReplyKinds.Readable, "received/postfix.eml" },
    };

    [Fact]
    public void Every_reply_kind_has_a_subject_and_body_of_its_own_in_every_language()
    {
        var missing = new List<string>();
        foreach (var kind in ReplyKinds.All)
            foreach (var language in Languages.All)
                foreach (var part in new[] { "subject", "body" })
                {
                    var text = SuggestedReply.Text(kind, part, language.Culture);
                    if (string.IsNullOrWhiteSpace(text))
                        missing.Add($"{language.Code}: {kind}.{part}");
                    else if (language.Code != Languages.English && text == SuggestedReply.Text(kind, part, Languages.Get(Languages.English).Culture))
                        missing.Add($"{language.Code}: {kind}.{part} is the English text");
                    else if (UnknownPlaceholder().Match(text) is { Success: true } placeholder)
                        missing.Add($"{language.Code}: {kind}.{part} has {placeholder.Value}");
                }
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_reply_kind_is_reached_by_a_real_message()
    {
        Assert.Equal(ReplyKinds.All.Order(), SampleOfEachKind.Select(row => (string)row[0]).Order());
    }

    [Theory]
    [MemberData(nameof(SampleOfEachKind))]
    public void Message_gets_the_reply_written_for_its_verdict_in_every_language(string kind, string file)
    {
        var report = Analyze.Generated(file);

        Assert.Equal(kind, ReplyKinds.Of(report));
        foreach (var language in Languages.All)
        {
            var reply = SuggestedReply.For(report, language.Code, language.Culture);
            Assert.Equal(kind, reply.Kind);
            Assert.DoesNotContain("{", reply.Subject + reply.Body);
            Assert.StartsWith("mailto:", reply.Mailto);
        }
    }

    [Fact]
    public void Replies_to_relay_and_portal_mail_name_the_service_in_the_readers_language()
    {
        var relay = SuggestedReply.For(Analyze.Generated("realworld/relay/firefox-relay-from-user.eml"), "de", Languages.Get("de").Culture);
        var portal = SuggestedReply.For(Analyze.Generated("forwards/portal-notice-proofpoint.eml"), "fr", Languages.Get("fr").Culture);

        Assert.Contains("über Firefox Relay", relay.Body);
        Assert.Contains("Proofpoint Encryption", portal.Body);
        Assert.StartsWith("Bonjour,", portal.Body);
    }

    /// <summary>
    /// Every generated message (the relay samples of both directions for every service among them) in every language:
    /// a reply names no address at all, so it cannot guess a masked one, and never asks for a private key.
    /// </summary>
    [Fact]
    public void No_reply_names_an_address_or_asks_for_a_private_key()
    {
        var problems = new List<string>();
        foreach (var file in Support.Corpus.GeneratedMessages())
        {
            var report = Analyze.File(file);
            var addresses = Addresses().Matches(string.Join(" ", report.From, report.Relay.VisibleOriginal,
                string.Join(" ", report.Relay.Evidence.Select(e => e.Value)))).Select(m => m.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var language in Languages.All)
            {
                var reply = SuggestedReply.For(report, language.Code, language.Culture);
                var text = reply.Subject + "\n" + reply.Body;
                if (text.Contains('@'))
                    problems.Add($"{Path.GetFileName(file)} {language.Code}: an address in the reply");
                if (addresses.FirstOrDefault(a => text.Contains(a, StringComparison.OrdinalIgnoreCase)) is { } named)
                    problems.Add($"{Path.GetFileName(file)} {language.Code}: names {named}");
                if (PrivateKey().Match(text) is { Success: true } asked)
                    problems.Add($"{Path.GetFileName(file)} {language.Code}: '{asked.Value}'");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Reply_to_a_relay_user_goes_to_their_alias_and_a_forwarded_copy_to_nobody_guessed()
    {
        var alias = Analyze.Generated("realworld/relay/firefox-relay-from-user.eml");
        var copy = Analyze.Generated("realworld/relay/duckduckgo-to-user.eml");

        var toAlias = SuggestedReply.For(alias, "en", Languages.Get("en").Culture);
        Assert.NotNull(toAlias.To);
        Assert.EndsWith("@mozmail.com", toAlias.To);
        Assert.StartsWith($"mailto:{toAlias.To}?subject=", toAlias.Mailto);
        Assert.Null(SuggestedReply.For(copy, "en", Languages.Get("en").Culture).To);
    }

    [Fact]
    public void Mailto_carries_subject_and_body_with_crlf_line_breaks()
    {
        var reply = SuggestedReply.For(Analyze.Generated("forwards/attached-outlook-smime.eml"), "ja", Languages.Get("ja").Culture);

        Assert.Equal("alice@example.test", reply.To);
        var query = reply.Mailto[(reply.Mailto.IndexOf('?') + 1)..].Split('&').ToDictionary(p => p[..p.IndexOf('=')], p => Uri.UnescapeDataString(p[(p.IndexOf('=') + 1)..]));
        Assert.Equal(reply.Subject, query["subject"]);
        Assert.Equal(reply.Body.Replace("\n", "\r\n"), query["body"]);
        Assert.DoesNotContain(" ", reply.Mailto);
    }

    [GeneratedRegex(@"\{(?!service\}|vendor\})[^}]*\}")]
    private static partial Regex UnknownPlaceholder();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")]
    private static partial Regex Addresses();

    /// <summary>"Private key" and "secret key" as each language says them; the replies only ever speak of public keys and certificates.</summary>
    [GeneratedRegex(@"private key|secret key|\.p12|\.pfx|私钥|私鑰|秘密鍵|プライベートキー|clé privée|clé secrète|privaten? Schlüssel|geheimen? Schlüssel|clave privada|clave secreta", RegexOptions.IgnoreCase)]
    private static partial Regex PrivateKey();
}
