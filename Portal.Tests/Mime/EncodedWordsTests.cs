using Portal.Mime;

namespace Portal.Tests.Mime;

public sealed class EncodedWordsTests
{
    [Theory]
    [InlineData("=?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?=", "Jürgen Müller")]
    [InlineData("=?iso-8859-1?q?caf=E9_cr=E8me?=", "café crème")]
    [InlineData("=?windows-1252?Q?=93quoted=94_=80?=", "\u201cquoted\u201d €")]
    [InlineData("=?ISO-2022-JP?B?GyRCJEgkaiQiJCgkOhsoQg==?=", "とりあえず")]
    [InlineData("=?gb2312?B?1tDOxA==?=", "中文")]
    [InlineData("=?koi8-r?B?8NLJ18XU?=", "Привет")]
    [InlineData("=?utf-8*en?q?hello?=", "hello")]
    public void Encoded_words_decode_in_many_charsets(string encoded, string expected) =>
        Assert.Equal(expected, EncodedWords.Decode(encoded));

    [Fact]
    public void Whitespace_between_adjacent_encoded_words_is_dropped_but_kept_around_plain_text() =>
        Assert.Equal("Hello World and more", EncodedWords.Decode("=?utf-8?q?Hello?=  =?utf-8?q?_World?= and =?utf-8?q?more?="));

    [Fact]
    public void Multibyte_character_split_across_two_words_is_joined_before_decoding() =>
        // "€" is E2 82 AC in UTF-8; here the bytes are split over two words.
        Assert.Equal("€", EncodedWords.Decode("=?utf-8?B?4oI=?= =?utf-8?B?rA==?="));

    [Fact]
    public void Unknown_charset_leaves_the_word_as_written_and_reports_it_once_read()
    {
        Assert.Equal("=?x-no-such?Q?abc?= tail", EncodedWords.Decode("=?x-no-such?Q?abc?= tail"));
        var message = Mail.Parse("Subject: =?x-no-such?Q?abc?=\n\nbody");
        Assert.Equal("=?x-no-such?Q?abc?=", message.Headers.GetValue("Subject"));
        Assert.Contains(message.Defects, d => d.Code == MimeDefectCodes.UnknownCharset && d.PartPath == "");
    }

    [Fact]
    public void Text_that_only_resembles_an_encoded_word_is_left_alone()
    {
        Assert.Equal("a =? b ?= c", EncodedWords.Decode("a =? b ?= c"));
        Assert.Equal("=?utf-8?X?abc?=", EncodedWords.Decode("=?utf-8?X?abc?="));
    }

    [Fact]
    public void Subject_header_value_is_decoded_while_raw_text_is_not()
    {
        var message = Mail.Parse("Subject: =?UTF-8?B?R3LDvMOfZQ==?= =?UTF-8?Q?_aus_K=C3=B6ln?=\n\n");
        var subject = message.Headers["Subject"]!;
        Assert.Equal("Grüße aus Köln", subject.Value);
        Assert.StartsWith("=?UTF-8?B?", subject.RawText);
    }

    [Fact]
    public void Folded_from_header_of_many_encoded_words_decodes_whole()
    {
        var message = Mail.PublicFile("ruby-mail/bad_subject.eml");
        var from = AddressParser.Parse(message.Headers.GetValue("From")!);
        var mailbox = Assert.Single(from);
        Assert.Equal("carol@mysurvey.com", mailbox.Address);
        Assert.Equal("MySurvey.com & Carol Adams", mailbox.DisplayName);
    }
    /// <summary>
    /// Every "=?" used to search to the end of the text for "?=": a subject of 1.3 MB of unclosed words took about
    /// 9 seconds in the analyzer. Now each search resumes where the last one stopped.
    /// </summary>
    [Theory]
    [InlineData("=?utf-8?q?a", "")]
    [InlineData("=?utf-8?b?QQ== ", "?=")]
    public void Many_words_that_never_close_are_left_alone_in_linear_time(string unclosed, string end)
    {
        var text = string.Concat(Enumerable.Repeat(unclosed, 120_000)) + end;
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var decoded = EncodedWords.Decode(text);

        watch.Stop();
        Assert.Equal(text, decoded);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }
    /// <summary>
    /// Charset spellings real mailers use that were unknown (the word shown raw), and byte-order marks that were kept
    /// as a stray U+FEFF; each payload made with Python's codecs.
    /// </summary>
    [Theory]
    [InlineData("=?ms932?B?h0A=?=", "①")]
    [InlineData("=?ms936?B?sai45g==?=", "报告")]
    [InlineData("=?x-windows-949?B?jGM=?=", "똠")]
    [InlineData("=?x-mac-roman?B?Q2Fmjg==?=", "Café")]
    [InlineData("=?x-unicode20utf8?B?zqk=?=", "Ω")]
    [InlineData("=?iso-8859-6-i?B?yuLR6tE=?=", "تقرير")]
    [InlineData("=?iso-2022-jp-2?B?GyRCSnM5cBsoQg==?=", "報告")]
    [InlineData("=?gb18030-2022?B?lTKCNg==?=", "𠀀")]
    [InlineData("=?ANSI_X3.4-1968?Q?plain?=", "plain")]
    [InlineData("=?utf-16?B?//5HAHIA/ADfAGUA?=", "Grüße")]
    [InlineData("=?utf-16?B?/v8ARwByAPwA3wBl?=", "Grüße")]
    [InlineData("=?utf-32?B?//4AAEcAAAByAAAA/AAAAN8AAABlAAAA?=", "Grüße")]
    public void Charset_aliases_and_byte_order_marks_read_as_mail_programs_read_them(string encoded, string expected) =>
        Assert.Equal(expected, EncodedWords.Decode(encoded));
}
