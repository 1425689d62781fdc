using System.Text;
using Portal.Mime;

namespace Portal.Tests.Mime;

public sealed class HeaderParsingTests
{
    [Fact]
    public void Folded_header_is_unfolded_and_keeps_its_raw_bytes()
    {
        var message = Mail.Parse("Subject: a long\n\tsubject line\n  continued\nFrom: a@example.com\n\nbody");
        var subject = message.Headers["subject"]!;
        Assert.Equal("a long\tsubject line  continued", subject.Value);
        Assert.Equal(" a long\r\n\tsubject line\r\n  continued", Encoding.ASCII.GetString(subject.RawValue.Span));
        Assert.Equal(0, subject.Offset);
        Assert.Equal(1, subject.LineNumber);
        Assert.Equal(4, message.Headers["From"]!.LineNumber);
        Assert.Empty(message.Defects);
    }

    [Fact]
    public void Header_lookup_is_case_insensitive_and_keeps_every_occurrence_in_order()
    {
        var message = Mail.Parse("Received: from a\nreceived: from b\nRECEIVED: from c\n\n");
        Assert.Equal(["from a", "from b", "from c"], message.Headers.GetAll("Received").Select(h => h.Value));
        Assert.Equal("from a", message.Headers.GetValue("received"));
        Assert.Null(message.Headers["X-Missing"]);
    }

    [Fact]
    public void Obsolete_whitespace_before_the_colon_and_empty_values_are_accepted()
    {
        var message = Mail.Parse("Subject : hello\nX-Empty:\nTo: b@example.com\n\nbody");
        Assert.Equal("hello", message.Headers.GetValue("Subject"));
        Assert.Equal("", message.Headers.GetValue("X-Empty"));
        Assert.True(message.LooksLikeEmail);
    }

    [Fact]
    public void Whitespace_only_line_inside_a_folded_header_is_a_continuation()
    {
        var message = Mail.Parse("Subject: part one\n \n part two\nMIME-Version: 1.0\nContent-Type: text/html\n\n<p>x</p>");
        Assert.Equal("text/html", message.Root.ContentType.MimeType);
        Assert.Equal("part one  part two", message.Headers.GetValue("Subject"));
    }

    [Fact]
    public void Line_without_colon_between_headers_is_skipped_and_reported()
    {
        var message = Mail.Parse("From: a@example.com\nthis is not a header\nContent-Type: text/html\n\n<p>x</p>");
        Assert.Equal("text/html", message.Root.ContentType.MimeType);
        var defect = Assert.Single(message.Defects);
        Assert.Equal(MimeDefectCodes.InvalidHeaderLine, defect.Code);
        Assert.Equal(21, defect.Offset);
    }

    [Fact]
    public void Body_starting_without_blank_line_ends_the_headers_and_is_reported()
    {
        var message = Mail.Parse("From: a@example.com\nSubject: x\nHello there,\nsecond line\n");
        Assert.Equal(2, message.Headers.Count);
        Assert.Contains(MimeDefectCodes.MissingHeaderBodySeparator, message.Codes());
        Assert.StartsWith("Hello there,", message.Root.DecodeText());
    }

    [Fact]
    public void Raw_utf8_headers_decode_as_utf8_and_are_reported_as_8bit()
    {
        var message = Mail.Parse("Subject: Grüße aus Köln\nFrom: Jürgen <j@example.de>\n\nbody");
        Assert.Equal("Grüße aus Köln", message.Headers.GetValue("Subject"));
        Assert.Equal("Jürgen", AddressParser.Parse(message.Headers.GetValue("From")!)[0].DisplayName);
        Assert.Contains(MimeDefectCodes.Header8Bit, message.Codes());
    }

    [Fact]
    public void Latin1_header_bytes_that_are_not_utf8_fall_back_to_latin1()
    {
        var bytes = Encoding.Latin1.GetBytes("Subject: caf\u00e9 cr\u00e8me\r\n\r\nbody");
        var message = MimeParser.Parse(bytes);
        Assert.Equal("café crème", message.Headers.GetValue("Subject"));
    }

    [Fact]
    public void Bare_lf_crlf_and_mixed_line_endings_give_the_same_structure()
    {
        const string text = "Content-Type: multipart/mixed; boundary=xx\n\n--xx\nContent-Type: text/plain\n\none\n--xx\n\ntwo\n--xx--\n";
        var lf = Mail.Parse(text, crlf: false);
        var crlf = Mail.Parse(text, crlf: true);
        var mixed = MimeParser.Parse(Encoding.ASCII.GetBytes(text.Replace("one\n", "one\r\n").Replace("--xx\n\n", "--xx\r\n\r\n")));
        foreach (var message in new[] { lf, crlf, mixed })
        {
            Assert.Equal(["", "1", "2"], message.AllEntities().Select(e => e.PartPath));
            Assert.Equal("one", message.Root.Children[0].DecodeText());
            Assert.Equal("two", message.Root.Children[1].DecodeText());
            Assert.Empty(message.Defects);
        }
    }

    [Fact]
    public void Mbox_from_line_is_remembered_and_only_the_first_message_is_parsed()
    {
        var message = Mail.PublicFile("thunderbird/mbox_modern.mbox");
        Assert.NotNull(message.MboxFromLine);
        Assert.StartsWith("From ", message.MboxFromLine);
        Assert.True(message.LooksLikeEmail);
        Assert.Equal("text/plain", message.Root.ContentType.MimeType);
        Assert.Contains(MimeDefectCodes.MboxAdditionalMessages, message.Codes());
        Assert.DoesNotContain(message.Defects, d => d.Code == MimeDefectCodes.NoHeaders);
    }

    [Fact]
    public void Mbox_with_one_message_has_no_defect()
    {
        var message = Mail.Parse("From alice@example.com Sat Jan  3 01:05:34 1996\nFrom: alice@example.com\nSubject: hi\n\nbody\n", crlf: false);
        Assert.Equal("From alice@example.com Sat Jan  3 01:05:34 1996", message.MboxFromLine);
        Assert.Equal("hi", message.Headers.GetValue("Subject"));
        Assert.Equal(48, message.Root.Offset);
        Assert.Empty(message.Defects);
    }

    [Fact]
    public void Leading_byte_order_mark_is_skipped()
    {
        var message = Mail.PublicFile("mimekit/feedback-report.eml");
        Assert.True(message.LooksLikeEmail);
        Assert.Equal("multipart/report", message.Root.ContentType.MimeType);
    }
}
