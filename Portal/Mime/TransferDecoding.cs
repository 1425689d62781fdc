using System.Buffers;

namespace Portal.Mime;

/// <summary>Chooses the body decoder for a Content-Transfer-Encoding token.</summary>
internal static class TransferDecoding
{
    private static readonly SearchValues<char> TokenEnd = SearchValues.Create(" \t;");

    public static bool IsKnown(string encoding) =>
        encoding is "7bit" or "8bit" or "binary" or "base64" or "quoted-printable";

    public static DecodeOutcome Decode(string encoding, ReadOnlySpan<byte> body) => encoding switch
    {
        "base64" => Base64Decoder.Decode(body),
        "quoted-printable" => QuotedPrintableDecoder.Decode(body),
        // Identity encodings, and unknown ones, which clients pass through (reported once at parse time).
        _ => new DecodeOutcome(body.ToArray(), []),
    };

    /// <summary>The lower-case token of a Content-Transfer-Encoding value; "7bit" when empty.</summary>
    public static string Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return "7bit";
        var text = ParameterListParser.StripComments(value).Trim().Trim('"').Trim();
        var end = text.AsSpan().IndexOfAny(TokenEnd);
        if (end > 0)
            text = text[..end];
        return text.Length == 0 ? "7bit" : text.ToLowerInvariant();
    }
}
