using Portal.Mime;

namespace Portal.Tests.Mime;

public sealed class ParameterTests
{
    [Fact]
    public void Rfc2231_continuations_with_charset_are_joined_and_decoded()
    {
        var type = ContentType.Parse("application/pdf; name*0*=utf-8''%E2%82%AC%20rates; name*1*=%20f%C3%BCr; name*2=\" 2024.pdf\"");
        Assert.Equal("€ rates für 2024.pdf", type.Get("name"));
    }

    [Fact]
    public void Rfc2231_sections_out_of_order_are_sorted()
    {
        var disposition = ContentDisposition.Parse("attachment; filename*1=\"part2.txt\"; filename*0=\"part1-\"");
        Assert.Equal("part1-part2.txt", disposition.FileName);
        Assert.Equal("attachment", disposition.Disposition);
    }

    [Fact]
    public void Rfc2231_single_extended_value_in_latin1()
    {
        var disposition = ContentDisposition.Parse("attachment; filename*=iso-8859-1'de'Gr%FC%DFe.txt");
        Assert.Equal("Grüße.txt", disposition.FileName);
        Assert.Equal("Grüße.txt", Rfc2231.DecodeExtendedValue("iso-8859-1'de'Gr%FC%DFe.txt"));
    }

    [Fact]
    public void Entity_file_name_comes_from_disposition_then_content_type_name_and_decodes_rfc2047()
    {
        var message = Mail.Parse(
            "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: application/pdf; name=\"=?utf-8?B?UmVjaG51bmcucGRm?=\"\n\nx\n" +
            "--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename=\"notes.txt\"\n\ny\n--b--\n");
        Assert.Equal("Rechnung.pdf", message.Root.Children[0].FileName);
        Assert.Equal("notes.txt", message.Root.Children[1].FileName);
    }

    [Fact]
    public void Content_type_tolerates_case_comments_missing_semicolon_and_unquoted_spaces()
    {
        var type = ContentType.Parse("Multipart/Mixed (comment) boundary=\"abc\"");
        Assert.Equal("multipart/mixed", type.MimeType);
        Assert.Equal("abc", type.Boundary);
        var named = ContentType.Parse("application/octet-stream; name=my file.pdf; CHARSET=UTF-8");
        Assert.Equal("my file.pdf", named.Get("name"));
        Assert.Equal("UTF-8", named.Charset);
    }

    [Fact]
    public void Unusable_content_type_falls_back_to_text_plain_and_is_reported()
    {
        var message = Mail.Parse("Content-Type: garbage\n\nbody");
        Assert.Equal("text/plain", message.Root.ContentType.MimeType);
        Assert.Contains(MimeDefectCodes.InvalidContentType, message.Codes());
        Assert.Equal(ContentType.Default.MimeType, ContentType.Parse("").MimeType);
        Assert.Equal("us-ascii", ContentType.Default.Charset);
    }
}
