using System.Text;
using Portal.Batch;
using Portal.Hosting;
using Portal.Mime;
using Portal.Upload;

namespace Portal.Tests.Batch;

/// <summary>Splitting real mbox files (Python's mailbox, formail) into their messages, and what is refused as a mailbox.</summary>
public sealed class MailboxReadingTests
{
    private static Mailbox Open(string path, MailboxLimits? limits = null)
    {
        var opening = Mailbox.Open(File.ReadAllBytes(path), limits ?? new MailboxLimits());
        Assert.True(opening.Mailbox is not null, $"refused: {opening.Rejection}");
        return opening.Mailbox;
    }

    private static string? Subject(ReadOnlyMemory<byte> message) => MimeParser.Parse(message).Root.Headers.GetValue("Subject");

    [Fact]
    public void Python_mbox_of_the_generated_corpus_yields_every_message_in_order()
    {
        using var mailbox = Open(MailboxSamples.GeneratedCorpusMbox);
        var files = MailboxSamples.GeneratedCorpusFiles;
        Assert.Equal(Mailbox.MboxKind, mailbox.Kind);
        Assert.Equal(files.Count, mailbox.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var message = mailbox.Read(i);
            Assert.Null(message.Rejection);
            Assert.Equal(Subject(File.ReadAllBytes(files[i])), Subject(message.Data));
            // The writer's blank line between messages is not part of a message, and no separator is left inside one.
            Assert.False(MimeParser.Parse(message.Data).HasDefect(MimeDefectCodes.MboxAdditionalMessages), files[i]);
        }
    }

    [Fact]
    public void Formail_mbox_yields_its_three_messages()
    {
        using var mailbox = Open(MailboxSamples.FormailMbox);
        Assert.Equal(3, mailbox.Count);
        Assert.Equal(Subject(File.ReadAllBytes(Corpus("relay/firefox-relay.eml"))), Subject(mailbox.Read(0).Data));
        Assert.Equal(Subject(File.ReadAllBytes(Corpus("pgp/pgpmime-signed-ed25519.eml"))), Subject(mailbox.Read(2).Data));
    }

    [Fact]
    public void Quoted_from_lines_are_given_back_as_the_sender_wrote_them()
    {
        using var mailbox = Open(MailboxSamples.QuotedFromMbox);
        Assert.Equal(1, mailbox.Count);
        var read = Encoding.ASCII.GetString(mailbox.Read(0).Data.Span);
        var original = Encoding.ASCII.GetString(File.ReadAllBytes(MailboxSamples.QuotedFromMessage));
        Assert.Equal(original, read);
        Assert.DoesNotContain(">From", read);
    }

    [Fact]
    public void More_messages_than_the_limit_are_refused_before_any_is_analyzed()
    {
        var opening = Mailbox.Open(File.ReadAllBytes(MailboxSamples.GeneratedCorpusMbox), new MailboxLimits { MaxMessages = 10 });
        Assert.Null(opening.Mailbox);
        Assert.Equal(UploadRejection.TooManyMessages, opening.Rejection);
    }

    [Fact]
    public void A_single_message_is_not_a_mailbox()
    {
        var opening = Mailbox.Open(File.ReadAllBytes(Corpus("relay/firefox-relay.eml")), new MailboxLimits());
        Assert.Equal(UploadRejection.NotAMailbox, opening.Rejection);
    }

    [Fact]
    public void Zip_of_eml_files_is_read_entry_by_entry_with_names()
    {
        var zip = MailboxSamples.Zip(MailboxSamples.Eml("relay/addy.eml"), MailboxSamples.Eml("pgp/inline-pgp-encrypted.eml"),
            ("__MACOSX/._addy.eml", [0, 5, 22, 7], System.IO.Compression.CompressionLevel.Optimal), ("folder/", [], System.IO.Compression.CompressionLevel.Optimal));
        using var mailbox = Mailbox.Open(zip, new MailboxLimits()).Mailbox!;
        Assert.Equal(Mailbox.ZipKind, mailbox.Kind);
        Assert.Equal(2, mailbox.Count);
        Assert.Equal("inline-pgp-encrypted.eml", mailbox.Read(1).Name);
        Assert.Equal(File.ReadAllBytes(Corpus("pgp/inline-pgp-encrypted.eml")), mailbox.Read(1).Data.ToArray());
    }

    [Fact]
    public void The_weakest_hop_is_the_one_without_tls_else_the_oldest_version()
    {
        using var mailbox = Open(MailboxSamples.GeneratedCorpusMbox);
        var analyzer = new Portal.Analysis.EmailAnalyzer(new Portal.Analysis.Catalogs.ShippedAnalysisCatalogs());
        var weakest = Enumerable.Range(0, mailbox.Count)
            .Select(i => analyzer.Analyze(mailbox.Read(i).Data))
            .Select(r => (Hops: r.Transport.Hops, Weakest: MessageSummary.WeakestTlsOf(r.Transport.Hops)))
            .ToList();
        foreach (var (hops, value) in weakest)
        {
            if (hops.Any(h => h.Tls == Portal.Analysis.Report.TlsStates.No && !h.Internal))
                Assert.Equal(MessageSummary.Plaintext, value);
            else if (hops.All(h => h.Tls != Portal.Analysis.Report.TlsStates.Yes))
                Assert.Null(value);
            else
                Assert.Contains(value, hops.Select(h => h.TlsVersionName ?? "TLS"));
        }
        Assert.Contains(weakest, w => w.Weakest is not null);
    }

    private static string Corpus(string path) => Portal.Tests.Support.Corpus.Generated(path);
}
