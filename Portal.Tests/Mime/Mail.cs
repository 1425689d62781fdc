using System.Text;
using Portal.Mime;

namespace Portal.Tests.Mime;

/// <summary>Small helpers for the focused tests: parse inline text or a public corpus file.</summary>
internal static class Mail
{
    /// <summary>Parses text written with "\n" line ends; <paramref name="crlf"/> turns them into CR LF first.</summary>
    public static ParsedMessage Parse(string text, bool crlf = true, MimeParserOptions? options = null) =>
        MimeParser.Parse(Bytes(text, crlf), options);

    public static byte[] Bytes(string text, bool crlf = true) =>
        Encoding.UTF8.GetBytes(crlf ? text.Replace("\r\n", "\n").Replace("\n", "\r\n") : text);

    public static ParsedMessage PublicFile(string relativePath)
    {
        if (Support.Corpus.PublicDirectory is null)
            Assert.Fail(Support.Corpus.PublicMissing);
        return MimeParser.Parse(File.ReadAllBytes(Path.Combine(Support.Corpus.PublicDirectory, relativePath)));
    }

    public static IEnumerable<string> Codes(this ParsedMessage message) => message.Defects.Select(d => d.Code);
}
