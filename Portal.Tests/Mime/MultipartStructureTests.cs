using System.Text;
using Portal.Mime;

namespace Portal.Tests.Mime;

public sealed class MultipartStructureTests
{
    private const string Nested =
        "From: a@example.com\nContent-Type: multipart/mixed; boundary=\"outer\"\n\n" +
        "This is the preamble.\n--outer\nContent-Type: multipart/alternative; boundary=inner\n\n" +
        "--inner\nContent-Type: text/plain\n\nplain\n--inner\nContent-Type: text/html\n\n<b>html</b>\n--inner--\n" +
        "--outer\nContent-Type: message/rfc822\n\nFrom: b@example.com\nSubject: inner\nContent-Type: multipart/mixed; boundary=deep\n\n" +
        "--deep\n\nattached text\n--deep--\n" +
        "--outer--\nThis is the epilogue.\n";

    [Fact]
    public void Part_paths_follow_children_and_attached_messages()
    {
        var message = Mail.Parse(Nested);
        Assert.Equal(["", "1", "1.1", "1.2", "2", "2.1", "2.1.1"], message.AllEntities().Select(e => e.PartPath));
        Assert.Equal([0, 1, 2, 2, 1, 2, 3], message.AllEntities().Select(e => e.Depth));
        Assert.Empty(message.Defects);
    }

    [Fact]
    public void Message_rfc822_part_is_parsed_as_a_child_message()
    {
        var message = Mail.Parse(Nested);
        var attached = message.Root.Children[1];
        Assert.True(attached.IsMessage);
        Assert.False(attached.IsMultipart);
        var inner = Assert.Single(attached.Children);
        Assert.Same(inner, attached.EmbeddedMessage);
        Assert.Same(attached, inner.Parent);
        Assert.Equal("inner", inner.Headers.GetValue("Subject"));
        Assert.Equal("attached text", inner.Children[0].DecodeText());
    }

    [Fact]
    public void Preamble_and_epilogue_are_kept_and_parts_exclude_the_delimiter_line_break()
    {
        var message = Mail.Parse(Nested);
        Assert.Equal("This is the preamble.", Encoding.ASCII.GetString(message.Root.Preamble.Span));
        Assert.Equal("This is the epilogue.\r\n", Encoding.ASCII.GetString(message.Root.Epilogue.Span));
        Assert.Equal("plain", message.Root.Children[0].Children[0].DecodeText());
        Assert.Equal("<b>html</b>", message.Root.Children[0].Children[1].DecodeText());
    }

    [Fact]
    public void Offsets_point_at_the_first_header_line_of_each_part()
    {
        var bytes = Mail.Bytes(Nested);
        var message = MimeParser.Parse(bytes);
        foreach (var entity in message.AllEntities().Skip(1))
        {
            var text = Encoding.ASCII.GetString(bytes, (int)entity.Offset, 12);
            Assert.True(text.StartsWith("Content-Type", StringComparison.Ordinal) || text.StartsWith("From:", StringComparison.Ordinal) || entity.Headers.Count == 0, text);
        }
    }

    [Fact]
    public void Missing_closing_boundary_keeps_the_last_part_and_is_reported()
    {
        var message = Mail.Parse("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nfirst\n--b\n\nsecond, never closed\n");
        Assert.Equal(2, message.Root.Children.Count);
        Assert.Equal("second, never closed\r\n", message.Root.Children[1].DecodeText());
        var defect = Assert.Single(message.Defects);
        Assert.Equal(MimeDefectCodes.MissingClosingBoundary, defect.Code);
    }

    [Fact]
    public void Multipart_without_any_boundary_line_becomes_a_leaf_with_the_whole_body()
    {
        var message = Mail.Parse("Content-Type: multipart/mixed; boundary=nowhere\n\njust text\n");
        Assert.False(message.Root.IsMultipart);
        Assert.Equal("just text\r\n", message.Root.DecodeText());
        Assert.Contains(MimeDefectCodes.NoBoundaryFound, message.Codes());
    }

    [Fact]
    public void Multipart_without_boundary_parameter_is_reported()
    {
        var message = Mail.Parse("Content-Type: multipart/mixed\n\n--x\n\nbody\n--x--\n");
        Assert.False(message.Root.IsMultipart);
        Assert.Contains(MimeDefectCodes.MissingBoundaryParameter, message.Codes());
    }

    [Fact]
    public void Boundary_that_is_a_prefix_of_another_does_not_split_the_inner_part()
    {
        var message = Mail.Parse(
            "Content-Type: multipart/mixed; boundary=ab\n\n--ab\nContent-Type: multipart/alternative; boundary=abc\n\n" +
            "--abc\n\none\n--abc\n\ntwo\n--abc--\n--ab--\n");
        Assert.Equal(["", "1", "1.1", "1.2"], message.AllEntities().Select(e => e.PartPath));
        Assert.Empty(message.Defects);
    }

    [Fact]
    public void Inner_multipart_reusing_the_outer_boundary_is_reported()
    {
        var message = Mail.PublicFile("cpython/msg_15.eml");
        Assert.Contains(MimeDefectCodes.DuplicateBoundary, message.Codes());
        Assert.Equal("multipart/mixed", message.Root.ContentType.MimeType);
    }

    [Fact]
    public void Digest_parts_default_to_message_rfc822()
    {
        var message = Mail.Parse("Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nfirst\n--d--\n");
        var part = message.Root.Children[0];
        Assert.Equal("message/rfc822", part.ContentType.MimeType);
        Assert.Equal("one", part.EmbeddedMessage!.Headers.GetValue("Subject"));
    }

    [Fact]
    public void Public_multipart_with_attached_message_walks_into_it()
    {
        var message = Mail.PublicFile("mailparser/delivery-status.eml");
        Assert.Contains(message.AllEntities(), e => e.IsMessage && e.Children.Count == 1 && e.Children[0].Headers.Count > 0);
    }
}
