using System.Formats.Asn1;
using System.IO.Compression;
using System.Text;

namespace Portal.Tests.Support;

/// <summary>
/// Small emails that cost a naive analyzer minutes, built with the real encoders (zlib for OpenPGP compressed
/// packets, System.Formats.Asn1 for CMS compressed-data): each piece inflates to just under its per-piece cap, and one
/// compressed layer holds hundreds of such pieces.
/// </summary>
public static class HostileMessages
{
    /// <summary>An RFC 3156 message whose compressed packet holds <paramref name="pieces"/> compressed packets of ~8 MB of zeros each.</summary>
    public static byte[] OpenPgpCompressionFanOut(int pieces = 400)
    {
        var leaf = CompressedPacket(new byte[8 * 1024 * 1024 - 64 * 1024]);
        var inner = new MemoryStream();
        for (var i = 0; i < pieces; i++)
            inner.Write(leaf);
        var outer = CompressedPacket(inner.ToArray());
        var armor = new StringBuilder("-----BEGIN PGP MESSAGE-----\r\n\r\n");
        foreach (var line in Convert.ToBase64String(outer).Chunk(64))
            armor.Append(line).Append("\r\n");
        armor.Append("-----END PGP MESSAGE-----\r\n");
        return Encoding.ASCII.GetBytes(
            "From: a@example.test\r\nTo: b@example.test\r\nSubject: fan-out\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\"b\"\r\n\r\n" +
            "--b\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n" +
            "--b\r\nContent-Type: application/octet-stream\r\n\r\n" + armor + "--b--\r\n");
    }

    /// <summary>
    /// A Received header whose comment repeats Courier's "TLS:" label <paramref name="labels"/> times and whose date is
    /// followed by a long run of folded white space: a pattern tried at every repetition takes quadratic time (17 s for
    /// 50,000 labels on this machine before the fix).
    /// </summary>
    public static byte[] ReceivedWithRepeatedTlsLabels(int labels = 50_000) => Encoding.ASCII.GetBytes(
        "Received: from a.example (a.example [198.51.100.1]) (" + string.Concat(Enumerable.Repeat("TLS:", labels)) +
        ") by b.example with SMTP; Wed, 15 Jan 2025 12:00:00 +0000" + string.Concat(Enumerable.Repeat("\r\n ", labels)) + "x\r\n" +
        "From: a@example.test\r\nTo: b@example.test\r\nSubject: labels\r\n\r\nbody\r\n");

    /// <summary>
    /// An HTML-only message that names OpenPGP armor and then opens <paramref name="tags"/> tags it never closes: a
    /// backtracking tag pattern spends quadratic time on it (about 20 s for a million on this machine).
    /// </summary>
    public static byte[] HtmlArmorWithUnclosedTags(int tags = 1_000_000) => Encoding.ASCII.GetBytes(
        "From: a@example.test\r\nTo: b@example.test\r\nSubject: unclosed\r\nMIME-Version: 1.0\r\n" +
        "Content-Type: text/html; charset=us-ascii\r\n\r\n<div>-----BEGIN PGP MESSAGE-----</div>" + new string('<', tags) + "\r\n");

    /// <summary>
    /// An S/MIME part whose 7bit body is <paramref name="lines"/> "-----BEGIN CMS-----" lines and no END line: a PEM search
    /// that retries from every BEGIN line is quadratic on it.
    /// </summary>
    public static byte[] SmimePemOfBeginLines(int lines = 200_000) => Encoding.ASCII.GetBytes(
        "From: a@example.test\r\nTo: b@example.test\r\nSubject: begin lines\r\nMIME-Version: 1.0\r\n" +
        "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\r\nContent-Transfer-Encoding: 7bit\r\n\r\n" +
        string.Concat(Enumerable.Repeat("-----BEGIN CMS-----\r\n", lines)));

    /// <summary>An S/MIME compressed-data message whose content is a multipart of <paramref name="pieces"/> compressed-data parts of ~16 MB of zeros each.</summary>
    public static byte[] CmsCompressionFanOut(int pieces = 200)
    {
        var leaf = Convert.ToBase64String(CompressedData(new byte[16 * 1024 * 1024 - 64 * 1024]), Base64FormattingOptions.InsertLineBreaks);
        var inner = new StringBuilder("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"p\"\r\n\r\n");
        for (var i = 0; i < pieces; i++)
            inner.Append("--p\r\nContent-Type: application/pkcs7-mime; smime-type=compressed-data; name=smime.p7z\r\n")
                .Append("Content-Transfer-Encoding: base64\r\n\r\n").Append(leaf).Append("\r\n");
        inner.Append("--p--\r\n");
        return SmimeCompressedMessage(CompressedData(Encoding.ASCII.GetBytes(inner.ToString())));
    }

    public static byte[] SmimeCompressedMessage(byte[] contentInfo) => Encoding.ASCII.GetBytes(
        "From: a@example.test\r\nTo: b@example.test\r\nSubject: fan-out\r\nMIME-Version: 1.0\r\n" +
        "Content-Type: application/pkcs7-mime; smime-type=compressed-data; name=smime.p7z\r\n" +
        "Content-Transfer-Encoding: base64\r\n\r\n" +
        Convert.ToBase64String(contentInfo, Base64FormattingOptions.InsertLineBreaks) + "\r\n");

    /// <summary>OpenPGP compressed data packet (tag 8, new format, algorithm 2 = ZLIB, RFC 9580 5.6).</summary>
    public static byte[] CompressedPacket(byte[] content)
    {
        var body = new MemoryStream();
        body.WriteByte(2);
        using (var zlib = new ZLibStream(body, CompressionLevel.SmallestSize, leaveOpen: true))
            zlib.Write(content);
        var packet = new MemoryStream();
        packet.WriteByte(0xC0 | 8);
        packet.WriteByte(0xFF); // five-octet length
        var length = (int)body.Length;
        packet.Write([(byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length]);
        body.Position = 0;
        body.CopyTo(packet);
        return packet.ToArray();
    }

    /// <summary>A CMS ContentInfo of CompressedData (RFC 3274) with zlib over <paramref name="content"/>.</summary>
    public static byte[] CompressedData(byte[] content)
    {
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            zlib.Write(content);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("1.2.840.113549.1.9.16.1.9");
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            using (writer.PushSequence())
            {
                writer.WriteInteger(0);
                using (writer.PushSequence())
                    writer.WriteObjectIdentifier("1.2.840.113549.1.9.16.3.8");
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("1.2.840.113549.1.7.1");
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                        writer.WriteOctetString(compressed.ToArray());
                }
            }
        }
        return writer.Encode();
    }
}

/// <summary>Messages at and past the parser's limits, built as text.</summary>
public static class DeepMessages
{
    /// <summary>A multipart/mixed inside a multipart/mixed…, with the text leaf at depth <paramref name="levels"/>.</summary>
    public static byte[] NestedMultipart(int levels)
    {
        var text = new StringBuilder("From: a@example.test\r\nSubject: deep\r\nMIME-Version: 1.0\r\n");
        for (var i = 0; i < levels; i++)
            text.Append($"Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n");
        text.Append("Content-Type: text/plain\r\n\r\nleaf\r\n");
        for (var i = levels - 1; i >= 0; i--)
            text.Append($"--b{i}--\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>A message/rfc822 inside a message/rfc822…, with the innermost message at depth <paramref name="levels"/>.</summary>
    public static byte[] NestedRfc822(int levels)
    {
        var text = new StringBuilder("From: a@example.test\r\nSubject: deep\r\nMIME-Version: 1.0\r\n");
        for (var i = 0; i < levels; i++)
            text.Append("Content-Type: message/rfc822\r\n\r\n");
        text.Append("Subject: leaf\r\nContent-Type: text/plain\r\n\r\nleaf\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>A message with one Received header of <paramref name="length"/> characters.</summary>
    public static byte[] HugeReceived(int length) => Encoding.ASCII.GetBytes(
        "Received: from " + new string('a', length) + " by mx.example.test with ESMTPS; Wed, 15 Jan 2025 12:00:00 +0000\r\n" +
        "From: a@example.test\r\nTo: b@example.test\r\nSubject: " + new string('s', length / 4) + "\r\n\r\nbody\r\n");

    /// <summary>A message with <paramref name="count"/> long plaintext Received headers: each is a hop and a piece of evidence.</summary>
    public static byte[] ManyReceived(int count, int length)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
            text.Append($"Received: from h{i}.example.test ({new string('x', length)}) by mx{i}.example.test with SMTP id {i}; Wed, 15 Jan 2025 12:00:00 +0000\r\n");
        text.Append("From: a@example.test\r\nTo: b@example.test\r\nSubject: hops\r\n\r\nbody\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
