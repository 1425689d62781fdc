using System.Collections.Concurrent;
using System.Text;

namespace Portal.Mime;

/// <summary>
/// Maps MIME charset names to .NET encodings (legacy code pages included) and turns bytes into text
/// without ever throwing: unknown or wrong charsets fall back to strict UTF-8, then Latin-1, which maps every byte.
/// </summary>
public static class CharsetDecoder
{
    private static readonly ConcurrentDictionary<string, Encoding?> Cache = new(StringComparer.OrdinalIgnoreCase);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static CharsetDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding for a MIME charset name, or null when neither .NET nor we know it. Never throws, whatever the name.</summary>
    public static Encoding? GetEncoding(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
            return null;
        return Cache.GetOrAdd(charset, static name => Resolve(name));
    }

    /// <summary>Decodes with the named charset; falls back to UTF-8 or Latin-1 when the charset is unknown or absent.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? charset) => Decode(bytes, charset, out _);

    /// <param name="charsetKnown">false when a charset was named but .NET has no encoding for it.</param>
    public static string Decode(ReadOnlySpan<byte> bytes, string? charset, out bool charsetKnown)
    {
        var encoding = GetEncoding(charset);
        charsetKnown = encoding is not null || string.IsNullOrWhiteSpace(charset);
        if (bytes.IsEmpty)
            return string.Empty;
        if (encoding is null || encoding.CodePage == 20127)
            return DecodeUnlabelled(bytes);
        return GetString(encoding, bytes);
    }

    /// <summary>
    /// Decodes with a known encoding; a byte-order mark is dropped, not shown as U+FEFF, and for UTF-16 and UTF-32
    /// decides the byte order, as mail programs (and WHATWG's decoder, which Thunderbird uses) let it.
    /// </summary>
    public static string GetString(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        switch (encoding.CodePage)
        {
            case 65001 when bytes.StartsWith("\uFEFF"u8):
                return encoding.GetString(bytes[3..]);
            case 1200 or 1201 when bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]):
                return Encoding.Unicode.GetString(bytes[2..]);
            case 1200 or 1201 when bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]):
                return Encoding.BigEndianUnicode.GetString(bytes[2..]);
            case 12000 or 12001 when bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]):
                return Encoding.UTF32.GetString(bytes[4..]);
            case 12000 or 12001 when bytes.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]):
                return new UTF32Encoding(bigEndian: true, byteOrderMark: false).GetString(bytes[4..]);
            default:
                return encoding.GetString(bytes);
        }
    }

    /// <summary>Text whose charset is unknown: ASCII as is, then valid UTF-8, otherwise Latin-1 (which cannot fail).</summary>
    public static string DecodeUnlabelled(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.ContainsAnyInRange((byte)0x80, (byte)0xFF))
            return Encoding.Latin1.GetString(bytes);
        if (TryDecodeUtf8(bytes, out var text))
            return text;
        return Encoding.Latin1.GetString(bytes);
    }

    internal static bool TryDecodeUtf8(ReadOnlySpan<byte> bytes, out string text)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                bytes = bytes[3..];
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        text = string.Empty;
        return false;
    }

    private static Encoding? Resolve(string name)
    {
        var clean = name.Trim().Trim('"', '\'').Trim();
        // RFC 2231 allows a language suffix on charsets in encoded words ("utf-8*en").
        var star = clean.IndexOf('*');
        if (star > 0)
            clean = clean[..star];
        var lower = clean.ToLowerInvariant();
        if (lower is "utf-7" or "utf7" or "unicode-1-1-utf-7" or "csunicode11utf7" or "x-unicode-2-0-utf-7" or "unicode-2-0-utf-7")
            return Utf7Encoding.Instance;
        if (IsoPartMissingFromDotNet(lower) is { } iso)
            return iso;
        foreach (var candidate in Candidates(lower))
        {
            try
            {
                return Encoding.GetEncoding(candidate);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                // Not this alias (or one .NET refuses to provide): try the next spelling.
            }
        }
        return null;
    }

    private static IsoUpperHalfEncoding? IsoPartMissingFromDotNet(string name)
    {
        var part = name.StartsWith("iso-8859-", StringComparison.Ordinal) ? name[9..]
            : name.StartsWith("iso8859-", StringComparison.Ordinal) || name.StartsWith("iso_8859-", StringComparison.Ordinal) ? name[(name.IndexOf('-') + 1)..]
            : name.StartsWith("iso8859", StringComparison.Ordinal) ? name[7..]
            : null;
        // "iso-8859-16:2001" and "iso_8859-10:1992" are registered aliases.
        var colon = part?.IndexOf(':') ?? -1;
        if (colon >= 0)
            part = part![..colon];
        return part switch
        {
            "10" => IsoUpperHalfEncoding.Iso8859_10,
            "14" => IsoUpperHalfEncoding.Iso8859_14,
            "16" => IsoUpperHalfEncoding.Iso8859_16,
            _ => name switch
            {
                "latin6" or "l6" => IsoUpperHalfEncoding.Iso8859_10,
                "latin8" or "l8" or "iso-celtic" => IsoUpperHalfEncoding.Iso8859_14,
                "latin10" or "l10" => IsoUpperHalfEncoding.Iso8859_16,
                _ => null,
            },
        };
    }

    /// <summary>Spellings seen in real mail that .NET does not accept as they are.</summary>
    private static IEnumerable<string> Candidates(string name)
    {
        yield return name;
        switch (name)
        {
            case "utf8": case "x-unicode20utf8": case "unicode-1-1-utf-8": case "unicode-2-0-utf-8": yield return "utf-8"; yield break;
            case "x-mac-roman": case "mac": case "csmacintosh": yield return "macintosh"; yield break;
            case "gb18030-2022": case "gb18030-2005": yield return "gb18030"; yield break;
            // The -1 and -2 extensions add character sets rarely used in mail; their JIS X 0208 text is ISO-2022-JP's.
            case "iso-2022-jp-1": case "iso-2022-jp-2": case "iso-2022-jp-3": yield return "iso-2022-jp"; yield break;
            case "latin-1": yield return "iso-8859-1"; yield break;
            // -i (logical order) and -e (explicit direction) only say how bidirectional text is laid out (RFC 1556).
            case "iso-8859-8-i": case "iso-8859-8-e": yield return "iso-8859-8"; yield break;
            case "iso-8859-6-i": case "iso-8859-6-e": yield return "iso-8859-6"; yield break;
            // windows-31j is the IANA name of Microsoft's Shift_JIS (cp932, with the NEC and IBM extensions), as Java writes it.
            case "x-sjis": case "sjis": case "windows-31j": case "x-ms-cp932": yield return "shift_jis"; yield break;
            case "x-gbk": yield return "gbk"; yield break;
            case "ks_c_5601": yield return "ks_c_5601-1987"; yield break;
            case "unknown-8bit": case "x-unknown": case "unknown": yield break;
        }
        if (name.StartsWith("iso8859", StringComparison.Ordinal))
            yield return "iso-8859" + name["iso8859".Length..].TrimStart('-', '_').Insert(0, "-");
        if (name.StartsWith("iso_8859", StringComparison.Ordinal))
            yield return "iso-8859" + name["iso_8859".Length..].Replace('_', '-');
        // Microsoft's spellings: ms932, ms936, x-windows-949.
        var digits = name.StartsWith("cp", StringComparison.Ordinal) ? name[2..].TrimStart('-')
            : name.StartsWith("ms", StringComparison.Ordinal) ? name[2..].TrimStart('-')
            : name.StartsWith("x-windows-", StringComparison.Ordinal) ? name[10..]
            : name.StartsWith("windows", StringComparison.Ordinal) ? name[7..].TrimStart('-')
            : name.StartsWith("x-cp", StringComparison.Ordinal) ? name[4..] : null;
        if (digits is not null && int.TryParse(digits, out var codePage) && codePage is > 0 and < 65536)
        {
            yield return "windows-" + codePage;
            yield return "ibm" + codePage;
            Encoding? byNumber = null;
            try
            {
                byNumber = Encoding.GetEncoding(codePage);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                // Unknown code page number.
            }
            if (byNumber is not null)
                yield return byNumber.WebName;
        }
    }
}
