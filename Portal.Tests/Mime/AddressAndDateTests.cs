using Portal.Mime;

namespace Portal.Tests.Mime;

public sealed class AddressAndDateTests
{
    [Fact]
    public void Address_list_with_quoted_names_comments_and_bare_addresses()
    {
        var list = AddressParser.Parse("\"Doe, John\" <john@example.com>, jane@example.org (Jane Roe), <bare@example.net>");
        Assert.Equal(3, list.Count);
        Assert.Equal(new MailboxAddress("Doe, John", "john@example.com", "john", "example.com"), list[0]);
        Assert.Equal("Jane Roe", list[1].DisplayName);
        Assert.Equal("jane@example.org", list[1].Address);
        Assert.Null(list[2].DisplayName);
    }

    [Fact]
    public void Groups_name_their_members_and_empty_groups_add_nothing()
    {
        var list = AddressParser.Parse("Team: a@example.com, B <b@example.com>;, undisclosed-recipients:;, c@example.com");
        Assert.Equal(["a@example.com", "b@example.com", "c@example.com"], list.Select(m => m.Address));
        Assert.Equal(["Team", "Team", null], list.Select(m => m.Group));
    }

    [Fact]
    public void Obsolete_route_and_encoded_display_name()
    {
        var mailbox = Assert.Single(AddressParser.Parse("=?utf-8?Q?J=C3=BCrgen_M=C3=BCller?= <@relay1.example,@relay2.example:juergen@example.de>"));
        Assert.Equal("Jürgen Müller", mailbox.DisplayName);
        Assert.Equal("juergen@example.de", mailbox.Address);
        Assert.Equal("example.de", mailbox.Domain);
    }

    [Fact]
    public void Quoted_local_part_and_missing_angle_brackets_are_best_effort()
    {
        var quoted = Assert.Single(AddressParser.Parse("\"john doe\"@example.com"));
        Assert.Equal("john doe", quoted.LocalPart);
        Assert.Equal("\"john doe\"@example.com", quoted.Address);
        var sloppy = Assert.Single(AddressParser.Parse("John Smith john.smith@example.com"));
        Assert.Equal("John Smith", sloppy.DisplayName);
        Assert.Equal("john.smith@example.com", sloppy.Address);
        Assert.Empty(AddressParser.Parse(""));
        Assert.Empty(AddressParser.Parse(" , ;"));
    }

    [Theory]
    [InlineData("Sat, 21 Nov 2026 08:00:00 +0000", "2026-11-21T08:00:00+00:00")]
    [InlineData("21 Nov 2026 08:00 -0500", "2026-11-21T08:00:00-05:00")]
    [InlineData("Mon, 5 Jan 09 10:11:12 PST", "2009-01-05T10:11:12-08:00")]
    [InlineData("Thu, 8 Mar 2005 17:40:36 EDT", "2005-03-08T17:40:36-04:00")]
    [InlineData("Tue, 15 Nov 1994 08:12:31 GMT", "1994-11-15T08:12:31+00:00")]
    [InlineData("Wed, 15 Nov 2017 14:16:14 +0100 (CET)", "2017-11-15T14:16:14+01:00")]
    [InlineData("Fri, 1 Jan 1999 00:00:00 Z", "1999-01-01T00:00:00+00:00")]
    [InlineData("Fri, 1 Jan 1999 00:00:00 A", "1999-01-01T00:00:00+00:00")]
    [InlineData("1 Jan 101 12:00:00 UT", "2001-01-01T12:00:00+00:00")]
    [InlineData("Jan 2 2010 12:00:00 +0200", "2010-01-02T12:00:00+02:00")]
    public void Mail_dates_parse_leniently(string text, string expected)
    {
        Assert.True(MailDate.TryParse(text, out var date), text);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, date.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a date")]
    [InlineData("31 Feb 2020 10:00:00 +0000")]
    [InlineData("Mon, 12 Foo 2020 10:00:00")]
    [InlineData("12 Jan 2020 25:00:00 +0000")]
    public void Impossible_dates_are_refused(string text) => Assert.False(MailDate.TryParse(text, out _));

    [Fact]
    public void Corpus_message_with_an_invalid_date_header_is_still_parsed()
    {
        var message = Mail.PublicFile("cpython/msg_47.eml");
        Assert.True(message.LooksLikeEmail);
        Assert.NotNull(message.Headers.GetValue("Date"));
        MailDate.TryParse(message.Headers.GetValue("Date")!, out _);
    }
}
