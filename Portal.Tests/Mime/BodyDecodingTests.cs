using System.Text;
using Portal.Mime;

namespace Portal.Tests.Mime;

public sealed class BodyDecodingTests
{
    private static MimeEntity Leaf(string encoding, string body, string type = "application/octet-stream") =>
        Mail.Parse($"Content-Type: {type}\nContent-Transfer-Encoding: {encoding}\n\n{body}").Root;

    [Fact]
    public void Base64_body_in_76_character_lines_decodes_exactly()
    {
        var payload = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        var encoded = Convert.ToBase64String(payload, Base64FormattingOptions.InsertLineBreaks);
        var decoded = Leaf("base64", encoded).Decode();
        Assert.Equal(payload, decoded.Bytes);
        Assert.Empty(decoded.Defects);
    }

    [Fact]
    public void Base64_body_with_garbage_lines_decodes_and_reports_a_defect()
    {
        var encoded = "SGVsbG8s\n*** ### ***\nIHdvcmxk\n";
        var message = Mail.Parse($"Content-Transfer-Encoding: base64\n\n{encoded}");
        var decoded = message.Root.Decode();
        Assert.Equal("Hello, world", Encoding.ASCII.GetString(decoded.Bytes));
        var defect = Assert.Single(decoded.Defects);
        Assert.Equal(MimeDefectCodes.InvalidBase64, defect.Code);
        Assert.Equal(message.Root.BodyOffset + 10, defect.Offset);
        Assert.Contains(message.Defects, d => d.Code == MimeDefectCodes.InvalidBase64);
    }

    [Fact]
    public void Truncated_base64_keeps_the_whole_bytes_and_reports_truncation()
    {
        var root = Leaf("base64", "SGVsbG8gd29ybGQ");
        var decoded = root.Decode();
        Assert.Equal("Hello world", Encoding.ASCII.GetString(decoded.Bytes));
        Assert.Equal(MimeDefectCodes.TruncatedBase64, Assert.Single(decoded.Defects).Code);
    }

    [Fact]
    public void Decoding_defects_reach_the_message_once_however_often_the_body_is_decoded()
    {
        var message = Mail.Parse("Content-Transfer-Encoding: base64\n\nSGVsbG8*\n");
        message.Root.DecodeBody();
        message.Root.DecodeBody();
        Assert.Single(message.Defects, d => d.Code == MimeDefectCodes.InvalidBase64);
    }

    [Fact]
    public void Quoted_printable_soft_breaks_hex_escapes_and_trailing_whitespace()
    {
        var root = Leaf("quoted-printable", "caf=C3=A9 au lait, a very long line that was =\nwrapped by the sender   \nend=3d=\r\n", "text/plain; charset=utf-8");
        Assert.Equal("café au lait, a very long line that was wrapped by the sender\r\nend=", root.DecodeText());
        Assert.Empty(root.Decode().Defects);
    }

    [Fact]
    public void Quoted_printable_stray_equals_sign_stays_literal_and_is_reported()
    {
        var decoded = Leaf("quoted-printable", "1 + 1 =2 and =ZZ").Decode();
        Assert.Equal("1 + 1 =2 and =ZZ", Encoding.ASCII.GetString(decoded.Bytes));
        Assert.Equal(MimeDefectCodes.InvalidQuotedPrintable, Assert.Single(decoded.Defects).Code);
    }

    [Fact]
    public void Unknown_transfer_encoding_passes_the_body_through_and_is_reported()
    {
        var message = Mail.Parse("Content-Transfer-Encoding: x-uuencode\n\nbegin 644 f\n");
        Assert.Equal("x-uuencode", message.Root.TransferEncoding);
        Assert.Equal("begin 644 f\r\n", Encoding.ASCII.GetString(message.Root.DecodeBody()));
        Assert.Contains(MimeDefectCodes.UnknownTransferEncoding, message.Codes());
    }

    [Fact]
    public void Absent_transfer_encoding_is_7bit_and_the_raw_body_is_a_slice_of_the_input()
    {
        var bytes = Mail.Bytes("Subject: x\n\nplain body");
        var message = MimeParser.Parse(bytes);
        Assert.Equal("7bit", message.Root.TransferEncoding);
        Assert.Equal(14, message.Root.BodyOffset);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(message.Root.RawBody, out var segment));
        Assert.Same(bytes, segment.Array);
    }

    [Theory]
    [InlineData("text/plain; charset=windows-1252", new byte[] { 0x93, 0x68, 0x69, 0x94 }, "\u201chi\u201d")]
    [InlineData("text/plain; charset=iso-8859-2", new byte[] { 0xB3, 0xF3, 0x64, 0xBF }, "łódż")]
    [InlineData("text/plain; charset=utf-8", new byte[] { 0xEF, 0xBB, 0xBF, 0x68, 0x69 }, "hi")]
    [InlineData("text/plain", new byte[] { 0x63, 0x61, 0x66, 0xC3, 0xA9 }, "café")]
    [InlineData("text/plain; charset=us-ascii", new byte[] { 0x63, 0x61, 0x66, 0xE9 }, "café")]
    public void Text_decodes_with_its_charset_or_falls_back_to_utf8_then_latin1(string type, byte[] body, string expected)
    {
        var bytes = Encoding.ASCII.GetBytes($"Content-Type: {type}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").Concat(body).ToArray();
        Assert.Equal(expected, MimeParser.Parse(bytes).Root.DecodeText());
    }

    [Fact]
    public void Unknown_body_charset_falls_back_and_is_reported()
    {
        var message = Mail.Parse("Content-Type: text/plain; charset=x-martian\n\nhello");
        Assert.Equal("hello", message.Root.DecodeText());
        Assert.Contains(message.Defects, d => d.Code == MimeDefectCodes.UnknownCharset && d.Detail == "x-martian");
    }
}
