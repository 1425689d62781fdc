using System.Text;

namespace Portal.Mime;

/// <summary>
/// Turns raw header bytes into text: unfolds, then reads ASCII, raw UTF-8 (RFC 6532) or, failing that, the message's
/// declared legacy charset when it has one, else Latin-1.
/// </summary>
internal static class HeaderText
{
    public static string Unfold(ReadOnlySpan<byte> raw, Encoding? legacy = null)
    {
        // Unfolding removes the line breaks and keeps the whitespace that starts each continuation line (RFC 5322 2.2.3).
        if (raw.IndexOfAny((byte)'\r', (byte)'\n') < 0)
            return ToText(raw, legacy);
        var buffer = raw.Length <= 1024 ? stackalloc byte[raw.Length] : new byte[raw.Length];
        var length = 0;
        foreach (var b in raw)
        {
            if (b is (byte)'\r' or (byte)'\n')
                continue;
            buffer[length++] = b;
        }
        return ToText(buffer[..length], legacy);
    }

    public static string ToText(ReadOnlySpan<byte> bytes, Encoding? legacy = null)
    {
        if (!bytes.ContainsAnyInRange((byte)0x80, (byte)0xFF))
            return HasJisEscape(bytes) && CharsetDecoder.GetEncoding("iso-2022-jp") is { } jis ? jis.GetString(bytes) : Encoding.Latin1.GetString(bytes);
        // One UTF-8 check: valid UTF-8 is read as such, anything else in the declared charset or Latin-1 (which cannot fail).
        return CharsetDecoder.TryDecodeUtf8(bytes, out var text) ? text : (legacy ?? Encoding.Latin1).GetString(bytes);
    }

    // Japanese mailers wrote ISO-2022-JP into headers without encoded words; it is 7-bit, so it passed as ASCII with its
    // escape sequences shown. Thunderbird reads such headers as ISO-2022-JP, and so do we when a JIS X 0208 or
    // JIS X 0212 designation (ESC $ B, ESC $ @, ESC $ ( D) is present; ASCII around it reads the same either way.
    private static bool HasJisEscape(ReadOnlySpan<byte> bytes)
    {
        for (var i = bytes.IndexOf((byte)0x1B); i >= 0 && i + 2 < bytes.Length; i = bytes[(i + 1)..].IndexOf((byte)0x1B) is var n and >= 0 ? i + 1 + n : -1)
        {
            if (bytes[i + 1] == (byte)'$' && (bytes[i + 2] is (byte)'B' or (byte)'@' || (bytes[i + 2] == (byte)'(' && i + 3 < bytes.Length && bytes[i + 3] == (byte)'D')))
                return true;
        }
        return false;
    }
}
