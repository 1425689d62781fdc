using System.Text;
using Portal.Analysis.Cli;
using Portal.Mime;
using Portal.Tests.Support;

namespace Portal.Tests.Mime;

/// <summary>
/// UTF-7 (RFC 2152) in encoded words and bodies is decoded by our own decoder: .NET refuses the charset with
/// NotSupportedException, which used to end the command line (exit 134), the API (500) and the page.
/// </summary>
public sealed class Utf7Tests
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "TestData", "hostile", "utf7-subject-and-body.eml");

    [Fact]
    public void Utf7_encoded_words_and_body_decode_to_the_text_python_encoded()
    {
        var message = MimeParser.Parse(File.ReadAllBytes(Sample));
        Assert.Equal("Grüße aus Köln – 東京 ☃Ärger", message.Headers.GetValue("Subject"));
        Assert.Equal("Hallo Bob,\r\nder Preis ist 5 € + Versand (A+B).\r\n日本語のテキスト\r\n", message.Root.DecodeText());
        Assert.DoesNotContain(message.Defects, d => d.Code == MimeDefectCodes.UnknownCharset);
    }

    [Fact]
    public void Utf7_round_trips_through_our_encoding()
    {
        const string text = "A+B ~ \\ Grüße 😀 +-";
        var encoding = CharsetDecoder.GetEncoding("utf-7")!;
        Assert.Equal(text, encoding.GetString(encoding.GetBytes(text)));
        Assert.Equal("Hi Mom -☺-!", encoding.GetString("Hi Mom -+Jjo--!"u8.ToArray())); // RFC 2152's own example
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("UTF7")]
    [InlineData("unicode-1-1-utf-7")]
    [InlineData("x-unicode-2-0-utf-7")]
    [InlineData("cp65000")]
    [InlineData("windows-65000")]
    [InlineData("65000")]
    [InlineData("utf-7*en")]
    [InlineData("\0")]
    [InlineData("utf-32BE")]
    [InlineData("x-mac-japanese")]
    [InlineData("ibm-1047")]
    [InlineData("cp999999999999")]
    [InlineData("\"'\"")]
    public void No_charset_name_raises_an_exception(string charset)
    {
        var body = CharsetDecoder.Decode("plain +AOk- text"u8, charset, out _);
        Assert.NotEmpty(body);
        var word = EncodedWords.Decode($"=?{charset}?Q?caf=C3=A9?=");
        Assert.NotNull(word);
        var message = MimeParser.Parse(Encoding.ASCII.GetBytes($"Subject: =?{charset}?B?K0FPaw==?=\r\nContent-Type: text/plain; charset=\"{charset}\"\r\n\r\nbody +AOk-\r\n"));
        _ = message.Headers.GetValue("Subject");
        _ = message.Root.DecodeText();
    }

    [Fact]
    public void The_command_line_analyzes_a_utf7_message()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = AnalyzeCommand.Run([Sample, "--format", "json"], output, error);
        Assert.True(exit == 0, error.ToString());
        Assert.Contains("Grüße aus Köln", output.ToString());
    }
}
