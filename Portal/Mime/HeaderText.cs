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
            return Encoding.Latin1.GetString(bytes);
        if (legacy is not null && !System.Text.Unicode.Utf8.IsValid(bytes))
            return legacy.GetString(bytes);
        return CharsetDecoder.DecodeUnlabelled(bytes);
    }
}
