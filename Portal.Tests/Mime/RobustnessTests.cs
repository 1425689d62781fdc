using System.Text;
using Portal.Mime;

namespace Portal.Tests.Mime;

public sealed class RobustnessTests
{
    [Fact]
    public void Empty_input_gives_an_empty_root_and_says_so()
    {
        var message = MimeParser.Parse(ReadOnlyMemory<byte>.Empty);
        Assert.False(message.LooksLikeEmail);
        Assert.Equal(0, message.Size);
        Assert.Equal("text/plain", message.Root.ContentType.MimeType);
        Assert.Empty(message.Root.DecodeBody());
        Assert.Contains(MimeDefectCodes.EmptyInput, message.Codes());
    }

    [Fact]
    public void Text_without_headers_is_a_header_less_text_body()
    {
        var message = Mail.Parse("Just some words.\nNo headers here.\n");
        Assert.False(message.LooksLikeEmail);
        Assert.Empty(message.Headers);
        Assert.Equal("Just some words.\r\nNo headers here.\r\n", message.Root.DecodeText());
        Assert.Contains(MimeDefectCodes.NoHeaders, message.Codes());
    }

    [Fact]
    public void Outlook_msg_file_is_recognised_and_not_parsed_as_mail()
    {
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0x3E, 0, 3, 0, 0xFE, 0xFF];
        var message = MimeParser.Parse(ole.Concat(new byte[4096]).ToArray());
        Assert.False(message.LooksLikeEmail);
        Assert.Contains(MimeDefectCodes.OutlookMsg, message.Codes());
        Assert.Contains(MimeDefectCodes.BinaryContent, message.Codes());
        Assert.Equal(4096 + ole.Length, message.Root.RawBody.Length);
    }

    [Fact]
    public void Png_and_zip_files_are_binary_junk_not_mail()
    {
        byte[] png = [0x89, .. "PNG\r\n"u8, 0x1A, 0x0A, 0, 0, 0, 0x0D, .. "IHDR"u8, 0, 0, 1, 0];
        byte[] zip = [.. "PK"u8, 3, 4, 20, 0, 0, 0, 8, 0, .. "name: x\r\n"u8];
        foreach (var junk in new[] { png, zip })
        {
            var message = MimeParser.Parse(junk);
            Assert.False(message.LooksLikeEmail);
            Assert.Contains(MimeDefectCodes.BinaryContent, message.Codes());
        }
    }

    [Fact]
    public void Input_over_the_size_limit_is_cut_and_reported()
    {
        var message = Mail.Parse("Subject: big\n\n" + new string('x', 5000), options: new MimeParserOptions { MaxMessageBytes = 1000 });
        Assert.Equal(5016, message.Size);
        Assert.Equal(1000 - 16, message.Root.RawBody.Length);
        var defect = Assert.Single(message.Defects, d => d.Code == MimeDefectCodes.MessageTooLarge);
        Assert.Equal(1000, defect.Offset);
    }

    [Fact]
    public void Nesting_beyond_the_depth_limit_stops_descending()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 10; i++)
            text.Append($"Content-Type: multipart/mixed; boundary=b{i}\n\n--b{i}\n");
        text.Append("\ninnermost\n");
        var message = Mail.Parse(text.ToString(), options: new MimeParserOptions { MaxDepth = 4 });
        Assert.Equal(4, message.AllEntities().Max(e => e.Depth));
        Assert.Contains(MimeDefectCodes.TooDeep, message.Codes());
    }

    [Fact]
    public void Too_many_parts_stops_adding_parts()
    {
        var text = new StringBuilder("Content-Type: multipart/mixed; boundary=p\n\n");
        for (var i = 0; i < 50; i++)
            text.Append($"--p\n\npart {i}\n");
        text.Append("--p--\n");
        var message = Mail.Parse(text.ToString(), options: new MimeParserOptions { MaxParts = 10 });
        Assert.Equal(10, message.AllEntities().Count());
        Assert.Single(message.Defects, d => d.Code == MimeDefectCodes.TooManyParts);
    }

    [Fact]
    public void Too_many_headers_keeps_the_first_ones_and_still_finds_the_body()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 30; i++)
            text.Append($"X-H{i}: {i}\n");
        text.Append("Subject: late\n\nbody");
        var message = Mail.Parse(text.ToString(), options: new MimeParserOptions { MaxHeaders = 20 });
        Assert.Equal(20, message.Headers.Count);
        Assert.Equal("body", message.Root.DecodeText());
        Assert.Contains(MimeDefectCodes.TooManyHeaders, message.Codes());
    }

    [Fact]
    public void Over_long_header_and_body_lines_are_reported()
    {
        var options = new MimeParserOptions { MaxLineLength = 100 };
        var header = Mail.Parse($"Subject: {new string('s', 200)}\n\nshort", options: options);
        Assert.Contains(MimeDefectCodes.LineTooLong, header.Codes());
        var body = Mail.Parse($"Subject: x\n\n{string.Join("\n", Enumerable.Repeat(new string('a', 90), 5))}\n{new string('b', 150)}\nend", options: options);
        var defect = Assert.Single(body.Defects, d => d.Code == MimeDefectCodes.LineTooLong);
        Assert.Equal(14 + 5 * 92, defect.Offset);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 3000)];
            random.NextBytes(bytes);
            var message = MimeParser.Parse(bytes);
            foreach (var entity in message.AllEntities())
                entity.DecodeText();
        }
    }
}
